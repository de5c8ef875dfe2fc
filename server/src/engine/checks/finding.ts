import type { Range } from '../text';

/** Stable rule ids: shared by diagnostics (`code`), code actions, settings and SARIF. */
export const RULES = {
  collision: 'Two services listen on one port in one network namespace',
  drift: 'A service binds a port other than the one the plan gives it',
  unassigned: 'A bound port that no plan entry owns',
  'out-of-range': 'A port outside the range its service belongs to',
  'stale-reference': 'A URL or address pointing at a port nothing listens on, or at the wrong service',
  'invalid-port': 'Not a port number (1-65535)',
  'range-overlap': 'Two ranges of the plan overlap',
  'schema-duplicate': 'The plan assigns one port twice',
  reserved: 'A service planned inside a reserved block',
  'unplanned-range': 'A planned port that falls in no range',
  'well-known': 'A well-known port handed to other software',
  contiguous: "A service's ports are not one contiguous block",
  pairing: 'Backend and frontend ports do not pair up',
  'range-full': 'A range is more than 80 % used',
  'schema-parse': 'The plan file cannot be read',
  'parse-error': 'A file that does not parse: said where, and read around the error where possible',
  config: 'The committed config or a suppression comment cannot be applied as written',
  'unused-disable': 'A suppression comment or ignore entry that silences nothing',
} as const;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as readonly RuleId[];

/** Severities, most severe first. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What a user may set a rule to: a severity, or `off`. */
export const SEVERITY_SETTINGS = [...SEVERITIES, 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];
/** Higher is more severe: for `--fail-on` and `--min-severity`. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };

/**
 * The severity each rule reports at when nobody configured it (SARIF `defaultConfiguration.level`,
 * the rule docs). Some rules vary with what they find: this is the one they report most.
 */
export const DEFAULT_SEVERITY: Readonly<Record<RuleId, Severity>> = {
  collision: 'warning',
  drift: 'warning',
  unassigned: 'info',
  'out-of-range': 'warning',
  'stale-reference': 'warning',
  'invalid-port': 'error',
  'range-overlap': 'warning',
  'schema-duplicate': 'error',
  reserved: 'warning',
  'unplanned-range': 'info',
  'well-known': 'info',
  contiguous: 'info',
  pairing: 'hint',
  'range-full': 'info',
  'schema-parse': 'error',
  'parse-error': 'info',
  config: 'warning',
  'unused-disable': 'warning',
};

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}

export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** What a quick fix would do; the edits are built on demand by the code-action feature. */
export type FixKind = 'use-planned-port' | 'use-listening-port' | 'assign-next-free' | 'add-to-plan';

/** The fixes of a planned service's port where the plan says another: its planned port, or the next free one. */
export const PLANNED_PORT_FIXES: readonly FixKind[] = ['use-planned-port', 'assign-next-free'];

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly port: number;
  /** The services involved, owner first. */
  readonly services: readonly string[];
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  /** The message as the editor says it, where it differs: it offers the quick fix or command where the CLI names a command to run. */
  readonly editorMessage?: string;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly FixKind[];
  /** The planned port where the finding compares against the plan (drift, collision). */
  readonly plannedPort?: number;
  /** Where the target of a stale reference really listens: what the reference should say. */
  readonly listeningPort?: number;
  /** The plan range the port belongs to, for "assign next free port in <range>". */
  readonly rangeName?: string;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}
