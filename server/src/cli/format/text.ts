import type { Finding, Severity } from '../../engine/checks/finding';

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** `file:line:col  severity  rule  message`, then a summary line; hints and info below `minimum` are counted, not listed. */
export function formatFindingsText(findings: readonly Finding[], schemaFiles: readonly string[], minimum: Severity): string {
  const shown = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[minimum]);
  const lines = shown.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(16)}  ${f.message}`);
  const counts = (['error', 'warning', 'info', 'hint'] as const).map((s) => `${findings.filter((f) => f.severity === s).length} ${s}${s === 'info' ? '' : 's'}`);
  const files = new Set(findings.map((f) => f.file)).size;
  const hidden = findings.length - shown.length;
  lines.push(
    `${lines.length ? '\n' : ''}${findings.length} finding${findings.length === 1 ? '' : 's'} (${counts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}; plan: ${schemaFiles.join(', ') || 'none'}${hidden ? `; ${hidden} below ${minimum} not listed (--min-severity hint shows them)` : ''}`,
  );
  return lines.join('\n');
}
