import { SEVERITIES, SEVERITY_RANK, type Finding, type Severity } from '../../engine/api';

/** `file:line:col  severity  rule  message`, then a summary line; hints and info below `minimum` are counted, not listed. */
export function formatFindingsText(findings: readonly Finding[], planFiles: readonly string[], minimum: Severity): string {
  const shown = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[minimum]);
  const lines = shown.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(16)}  ${f.message}`);
  const counts = SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}${s === 'info' ? '' : 's'}`);
  const files = new Set(findings.map((f) => f.file)).size;
  const hidden = findings.length - shown.length;
  lines.push(
    `${lines.length ? '\n' : ''}${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}; plan: ${planFiles.join(', ') || 'none'}${hidden ? `; ${hidden} below ${minimum} not listed (--min-severity hint shows them)` : ''}`,
  );
  return lines.join('\n');
}
