import { SEVERITIES, SEVERITY_RANK, type Finding, type Severity } from '../../engine/api';
import type { Output } from './output';

/** `file:line:col  severity  rule  message`, then a summary line; hints and info below `minimum` are counted, not listed. */
export function writeFindingsText(out: Output, findings: readonly Finding[], planFiles: readonly string[], minimum: Severity): void {
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  const files = new Set<string>();
  let shown = 0;
  for (const f of findings) {
    counts.set(f.severity, counts.get(f.severity)! + 1);
    files.add(f.file);
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[minimum]) continue;
    out.write(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(16)}  ${f.message}\n`);
    shown++;
  }
  const summary = SEVERITIES.map((s) => `${counts.get(s)} ${s}${s === 'info' ? '' : 's'}`);
  const hidden = findings.length - shown;
  out.write(
    `${shown ? '\n' : ''}${findings.length} finding${findings.length === 1 ? '' : 's'} (${summary.join(', ')}) in ${files.size} file${files.size === 1 ? '' : 's'}; plan: ${planFiles.join(', ') || 'none'}${hidden ? `; ${hidden} below ${minimum} not listed (--min-severity hint shows them)` : ''}\n`,
  );
}
