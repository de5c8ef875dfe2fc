import type { Finding } from '../checks/finding';
import type { PortPlan } from '../plan/portPlan';
import { CONFIG_FILE_NAME, isNativePlanPath } from '../syntax/fileKinds';
import { dirname, joinPath } from '../util/paths';
import { emptyConfig, parseCommittedConfig, type CommittedConfig } from './committedConfig';

/** The texts the engine holds that a config may come from. */
export interface ConfigTexts {
  /** The plan files in force, in order. */
  readonly planFiles: readonly string[];
  readonly planTexts: ReadonlyMap<string, string>;
  /** `port-schema.config.jsonc` files and the configured config file. */
  readonly configTexts: ReadonlyMap<string, string>;
  /** The file the user named (`--config`), workspace-relative. */
  readonly configured?: string;
  /** Whether the workspace has a file (for the Compose files a context names). */
  readonly hasFile: (path: string) => boolean;
}

/**
 * The committed config in force: the file the user named; else a native plan's own sections; else
 * `port-schema.config.jsonc` beside the first plan file, else at the workspace root. A config file
 * that is not read because the native plan holds the config says so, rather than being ignored silently.
 */
export function loadCommittedConfig(texts: ConfigTexts): CommittedConfig {
  const source = configSource(texts);
  if (!source) return emptyConfig();
  const config = parseCommittedConfig(source.path, source.text, source.isPlan);
  const problems = [...config.problems, ...missingComposeFiles(config, texts.hasFile), ...shadowedConfigs(source.path, texts)];
  return problems.length === config.problems.length ? config : { ...config, problems };
}

function configSource(texts: ConfigTexts): { path: string; text: string; isPlan: boolean } | undefined {
  const { planFiles, planTexts, configTexts, configured } = texts;
  if (configured) {
    const text = configTexts.get(configured) ?? planTexts.get(configured);
    return text === undefined ? undefined : { path: configured, text, isPlan: planFiles.includes(configured) };
  }
  const plan = planFiles[0];
  if (plan !== undefined && isNativePlanPath(plan)) {
    const text = planTexts.get(plan);
    return text === undefined ? undefined : { path: plan, text, isPlan: true };
  }
  for (const path of candidatePaths(plan)) {
    const text = configTexts.get(path);
    if (text !== undefined) return { path, text, isPlan: false };
  }
  return undefined;
}

/** Beside the plan, then at the root. */
function candidatePaths(plan: string | undefined): string[] {
  const beside = plan === undefined ? undefined : joinPath(dirname(plan), CONFIG_FILE_NAME);
  return [...new Set([beside, CONFIG_FILE_NAME].filter((p): p is string => p !== undefined))];
}

/** A context naming a Compose file the workspace does not have: a typo, or a file moved away. */
function missingComposeFiles(config: CommittedConfig, hasFile: (path: string) => boolean): Finding[] {
  return config.contexts.flatMap((c) =>
    (c.compose ?? [])
      .filter((f) => !hasFile(f))
      .map((f) => notice(config.file, c.location.range, 'warning', `${config.file} puts ${f} in context ${c.id}, but the workspace has no such file (or it is excluded); the context runs without it. Fix the path (relative to ${dirname(config.file) || 'the workspace root'})`)),
  );
}

/** `port-schema.config.jsonc` beside a native plan: the plan's own sections are the config. */
function shadowedConfigs(source: string, texts: ConfigTexts): Finding[] {
  if (texts.configured || !isNativePlanPath(source)) return [];
  return candidatePaths(source)
    .filter((p) => texts.configTexts.has(p))
    .map((p) => notice(p, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'info', `${p} is not read: the plan ${source} holds the config (its rules, include, exclude, ignore and contexts sections). Move these settings there, or delete this file`));
}

function notice(file: string, range: Finding['range'], severity: Finding['severity'], message: string): Finding {
  return { rule: 'config', severity, port: 0, services: [], file, range, message: `${message}.`, related: [], fixes: [] };
}

/**
 * The plan as the config adjusts it: its declared contexts, and contiguity checked when the
 * config sets a severity for it. The services are the plan's own objects (the topology keys on them).
 */
export function applyConfigToPlan(plan: PortPlan | undefined, config: CommittedConfig): PortPlan | undefined {
  if (!plan || (!config.contexts.length && !(config.contiguous && !plan.rules.contiguous))) return plan;
  return {
    ...plan,
    ...(config.contexts.length ? { contexts: [...(plan.contexts ?? []), ...config.contexts] } : {}),
    ...(config.contiguous ? { rules: { ...plan.rules, contiguous: true } } : {}),
  };
}
