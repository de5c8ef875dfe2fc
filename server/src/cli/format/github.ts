import { SEVERITY_RANK, type Finding, type Severity } from '../../engine/api';
import type { Output } from './output';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands, one per finding at or above `minimum`: the runner turns
 * `::error file=…,line=…::message` into an annotation on the file's line in the pull request.
 * Paths are relative to the repository root (`prefix` is the checked folder within it).
 */
export function writeFindingsGithub(out: Output, findings: readonly Finding[], prefix: string, minimum: Severity): void {
  for (const f of findings) {
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[minimum]) continue;
    const { start, end } = f.range;
    const props = [
      `file=${escapeProperty(prefix + f.file)}`,
      `line=${start.line + 1}`,
      `col=${start.character + 1}`,
      ...(end.line === start.line ? [`endColumn=${end.character + 1}`] : [`endLine=${end.line + 1}`]),
      `title=${escapeProperty(`port-schema ${f.rule}`)}`,
    ];
    out.write(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`);
  }
}

/** As `@actions/core` escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also may not hold the `:` and `,` that end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
