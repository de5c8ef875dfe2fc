import type { RuleSettings } from '../engine/checks/runChecks';
import { isRuleId, type SeveritySetting } from '../engine/checks/finding';
import type { EngineSettings } from '../engine/settings';

/** The `portSchema` configuration section as the client sends it. */
export interface ClientSettings {
  readonly schemaFiles?: unknown;
  readonly include?: unknown;
  readonly exclude?: unknown;
  readonly rules?: unknown;
  readonly maxFileSizeKb?: unknown;
}

export interface FolderSettings {
  readonly engine: EngineSettings;
  readonly include: string[];
  readonly exclude: string[];
  readonly maxFileSizeKb: number;
}

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'info', 'hint', 'off']);

/** Settings come from the user's JSON: take what is well formed, ignore the rest. */
export function parseSettings(raw: ClientSettings | null | undefined): FolderSettings {
  const rules: RuleSettings = {};
  if (raw?.rules && typeof raw.rules === 'object') {
    for (const [id, value] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (isRuleId(id) && SEVERITIES.has(value as SeveritySetting)) rules[id] = value as SeveritySetting;
    }
  }
  const size = Number(raw?.maxFileSizeKb);
  return {
    engine: { schemaFiles: strings(raw?.schemaFiles), rules },
    include: strings(raw?.include),
    exclude: strings(raw?.exclude),
    maxFileSizeKb: Number.isFinite(size) && size > 0 ? size : 1024,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}
