import type { RuleSettings } from './checks/runChecks';

/** What the user can set (VS Code `portSchema.*`, CLI flags). */
export interface EngineSettings {
  /** Globs of the authoritative plan files; empty: pick by name. */
  readonly schemaFiles: readonly string[];
  readonly rules: RuleSettings;
}

export const defaultSettings: EngineSettings = { schemaFiles: [], rules: {} };
