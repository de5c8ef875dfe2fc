import { RULE_IDS, SEVERITY_SETTINGS, type EngineSettings, type RuleId, type RuleSettings, type SeveritySetting } from '../engine/api';

/** The `portSchema` configuration section as the client sends it. */
export interface ClientSettings {
  readonly schemaFiles?: unknown;
  readonly include?: unknown;
  readonly exclude?: unknown;
  readonly rules?: unknown;
  readonly maxFileSizeKb?: unknown;
  /** `portSchema.parseErrors.ignore` arrives nested from VS Code (`{ parseErrors: { ignore } }`); other clients may send the dotted key. */
  readonly parseErrors?: unknown;
  readonly 'parseErrors.ignore'?: unknown;
  readonly reportUnusedDisables?: unknown;
}

export interface FolderSettings {
  readonly engine: EngineSettings;
  readonly include: string[];
  readonly exclude: string[];
  readonly maxFileSizeKb: number;
}

/**
 * Settings come from the user's JSON: take what is well formed, ignore the rest. They go over the
 * committed config the engine reads from the folder (a rule set here wins, globs here are added).
 */
export function parseSettings(raw: ClientSettings | null | undefined): FolderSettings {
  const rules: RuleSettings = {};
  if (raw?.rules && typeof raw.rules === 'object') {
    for (const [id, value] of Object.entries(raw.rules as Record<string, unknown>)) {
      if ((RULE_IDS as readonly string[]).includes(id) && (SEVERITY_SETTINGS as readonly unknown[]).includes(value)) rules[id as RuleId] = value as SeveritySetting;
    }
  }
  const size = Number(raw?.maxFileSizeKb);
  return {
    engine: { planFiles: strings(raw?.schemaFiles), rules, parseErrorsIgnore: parseErrorsIgnore(raw), reportUnusedDisables: raw?.reportUnusedDisables === true },
    include: strings(raw?.include),
    exclude: strings(raw?.exclude),
    maxFileSizeKb: Number.isFinite(size) && size > 0 ? size : 1024,
  };
}

function parseErrorsIgnore(raw: ClientSettings | null | undefined): string[] {
  const nested = raw?.parseErrors && typeof raw.parseErrors === 'object' ? (raw.parseErrors as { ignore?: unknown }).ignore : undefined;
  return strings(nested ?? raw?.['parseErrors.ignore']);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}
