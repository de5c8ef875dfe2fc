import type { SuppressionDirective, DirectiveProblem } from '../syntax/suppressions';
import type { Range } from '../text';
import { appendAll } from '../util/arrays';
import { didYouMean } from '../util/closest';
import { compareFindings, DEFAULT_SEVERITY, isRuleId, RULE_IDS, type Finding, type RuleId } from './finding';
import { applyRuleSettings, type RuleSettings } from './runChecks';

/**
 * The one place findings are silenced, after every check ran, so the CLI and the editor agree:
 * by a suppression comment on or above the finding's line, or by an entry of the committed
 * config's `ignore` list (for formats without comments: JSON, package.json). What silences nothing
 * is reported when asked (`--report-unused-disables`): a stale suppression hides the next real problem.
 */

/** One entry of the config's `ignore` list: these rules (on these ports) in files matching these globs. */
export interface IgnoreEntry {
  /** Workspace-relative globs, as written (relative to the config's folder) for messages. */
  readonly files: readonly string[];
  readonly matches: (path: string) => boolean;
  readonly rules: readonly RuleId[];
  /** Only these ports; none: every port. */
  readonly ports?: readonly number[];
  /** Where the entry is written: an unused one is reported there. */
  readonly file: string;
  readonly range: Range;
}

/** The comments of one file, as the index scanned them. */
export interface FileDirectives {
  readonly directives: readonly SuppressionDirective[];
  readonly problems: readonly DirectiveProblem[];
}

export interface Suppressions {
  readonly directives: ReadonlyMap<string, FileDirectives>;
  readonly ignore: readonly IgnoreEntry[];
  /** Report directives and ignore entries that silence nothing (`unused-disable`). */
  readonly reportUnused: boolean;
}

/** Findings about suppressions themselves: silencing them would hide why a suppression does not work. */
const NOT_SUPPRESSIBLE: ReadonlySet<RuleId> = new Set(['config', 'unused-disable']);

/**
 * The findings no suppression silences, plus what is wrong with the suppressions (an unknown rule
 * in a comment) and, when asked, the unused ones; `settings` gives those their severities, sorted
 * with the rest.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: Suppressions, settings: RuleSettings): Finding[] {
  if (suppressions.directives.size === 0 && suppressions.ignore.length === 0) return [...findings];
  const used = new Set<object>();
  const kept = findings.filter((f) => NOT_SUPPRESSIBLE.has(f.rule) || !silenced(f, suppressions, used));
  const own = [...directiveProblems(suppressions.directives), ...(suppressions.reportUnused ? unused(suppressions, used) : [])];
  if (own.length === 0) return kept;
  return [...kept, ...applyRuleSettings(own, settings)].sort(compareFindings);
}

/** Whether a comment or an ignore entry silences `f`; each one that does (and each rule of it) is marked used. */
function silenced(f: Finding, suppressions: Suppressions, used: Set<object>): boolean {
  let hit = false;
  for (const d of suppressions.directives.get(f.file)?.directives ?? []) {
    if (d.line !== f.range.start.line) continue;
    if (d.rules.length === 0) {
      used.add(d);
      hit = true;
    }
    for (const r of d.rules) {
      if (r.id !== f.rule) continue;
      used.add(r);
      hit = true;
    }
  }
  for (const entry of suppressions.ignore) {
    if (!entry.rules.includes(f.rule) || (entry.ports && !entry.ports.includes(f.port)) || !entry.matches(f.file)) continue;
    used.add(entry);
    hit = true;
  }
  return hit;
}

/** A comment that names no rule of ours, or is no directive at all: said where it is written. */
function directiveProblems(directives: ReadonlyMap<string, FileDirectives>): Finding[] {
  const out: Finding[] = [];
  for (const [file, scanned] of directives) appendAll(out, problemsOfFile(file, scanned));
  return out;
}

/**
 * Each file's directive problems, made once per scan of its comments: a keystroke re-scans one
 * file, and every other file keeps its scan (and so its findings, unconverted by the editor).
 */
const problemsByScan = new WeakMap<FileDirectives, { readonly file: string; readonly findings: readonly Finding[] }>();

function problemsOfFile(file: string, scanned: FileDirectives): readonly Finding[] {
  const known = problemsByScan.get(scanned);
  if (known?.file === file) return known.findings;
  const findings: Finding[] = [];
  for (const p of scanned.problems) findings.push(finding('config', file, p.range, `${file}: ${p.message}.`));
  for (const d of scanned.directives) {
    for (const r of d.rules) {
      if (isRuleId(r.id)) continue;
      findings.push(finding('config', file, r.range, `${file}: '${r.id}' is not a Port Schema rule${didYouMean(r.id, RULE_IDS)}, so this suppression silences nothing; rule ids: ${RULE_IDS.join(', ')}.`));
    }
  }
  problemsByScan.set(scanned, { file, findings });
  return findings;
}

function unused(suppressions: Suppressions, used: ReadonlySet<object>): Finding[] {
  const out: Finding[] = [];
  for (const [file, { directives }] of suppressions.directives) {
    for (const d of directives) {
      const target = `line ${d.line + 1}`;
      const directive = `port-schema-disable-${d.kind}`;
      if (d.rules.length === 0 && !used.has(d)) {
        out.push(finding('unused-disable', file, d.range, `${file}: ${directive} silences nothing on ${target}: no finding is reported there. Remove the comment.`));
      }
      for (const r of d.rules) {
        if (used.has(r) || !isRuleId(r.id)) continue;
        out.push(finding('unused-disable', file, r.range, `${file}: ${directive} ${r.id} silences nothing: no ${r.id} finding on ${target}. Remove '${r.id}' from the comment.`));
      }
    }
  }
  for (const entry of suppressions.ignore) {
    if (used.has(entry)) continue;
    const ports = entry.ports ? ` on port ${entry.ports.join(', ')}` : '';
    out.push(finding('unused-disable', entry.file, entry.range, `${entry.file}: the ignore entry for ${entry.rules.join(', ')}${ports} in ${entry.files.join(', ')} silences nothing: no such finding is reported. Remove the entry.`));
  }
  return out;
}

function finding(rule: RuleId, file: string, range: Range, message: string): Finding {
  return { rule, severity: DEFAULT_SEVERITY[rule], port: 0, services: [], file, range, message, related: [], fixes: [] };
}
