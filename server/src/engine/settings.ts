import type { RuleSettings } from './checks/runChecks';

/** What the user can set (VS Code `portSchema.*`, CLI flags). */
export interface EngineSettings {
  /** Globs of the authoritative plan files (the `portSchema.schemaFiles` setting, `--schema`); empty: pick by name. */
  readonly planFiles: readonly string[];
  readonly rules: RuleSettings;
  /** Globs of files whose parse failures stay silent (`portSchema.parseErrors.ignore`, `--ignore-parse-errors`). */
  readonly parseErrorsIgnore?: readonly string[];
}

export const defaultSettings: EngineSettings = { planFiles: [], rules: {} };
