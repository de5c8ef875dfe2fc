import type { PortPlan, PlanProblem } from '../plan/portPlan';
import { validatePlan } from '../plan/validate';
import type { Topology } from '../topology/topology';
import { compareFindings, type Finding, type RuleId, type SeveritySetting, isRuleId } from './finding';
import { CheckedState } from './reuse';

/** The user's per-rule severities (`portSchema.rules`): a severity replaces the default, `off` drops the rule. */
export type RuleSettings = Partial<Record<RuleId, SeveritySetting>>;

/** The plan's own problems: load problems and validation. Depends on the plan only, so callers cache it per plan. */
export function planFindings(plan: PortPlan | undefined, parseProblems: readonly PlanProblem[]): Finding[] {
  return [...parseProblems, ...(plan ? validatePlan(plan) : [])].map(fromPlanProblem);
}

/** Files whose parse failures stay silent (`portSchema.parseErrors.ignore`). */
export type ParseErrorFilter = (path: string) => boolean;

/** Every finding of one workspace state: the plan's own problems, files that do not parse, then code against the plan. */
export function runChecks(topology: Topology, plan: readonly Finding[], settings: RuleSettings = {}, silenced: ParseErrorFilter = () => false): Finding[] {
  return finishChecks(plan, new CheckedState(topology, silenced).findings, settings);
}

/** The plan's findings and the code's (`CheckedState`), with the rule settings applied, in file order. */
export function finishChecks(plan: readonly Finding[], checked: readonly Finding[], settings: RuleSettings): Finding[] {
  return applyRuleSettings([...plan, ...checked], settings).sort(compareFindings);
}

/** A severity setting replaces a finding's severity; `off` drops it. */
export function applyRuleSettings(findings: readonly Finding[], settings: RuleSettings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = settings[f.rule];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out;
}

export function fromPlanProblem(p: PlanProblem): Finding {
  return {
    rule: isRuleId(p.rule) ? p.rule : 'schema-parse',
    severity: p.severity,
    port: p.port ?? 0,
    services: p.services ?? [],
    file: p.location.file,
    range: p.location.range,
    message: p.message,
    ...(p.editorMessage ? { editorMessage: p.editorMessage } : {}),
    related: [],
    fixes: [],
  };
}
