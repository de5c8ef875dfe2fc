import type { RuleSettings } from './checks/runChecks';

/** What the user can set (VS Code `portSchema.*`, CLI flags). */
export interface EngineSettings {
  /** Globs of the authoritative plan files (the `portSchema.schemaFiles` setting, `--schema`); empty: pick by name. */
  readonly planFiles: readonly string[];
  readonly rules: RuleSettings;
  /** Globs of files whose parse failures stay silent (`portSchema.parseErrors.ignore`, `--ignore-parse-errors`). */
  readonly parseErrorsIgnore?: readonly string[];
  /**
   * The committed config file (`--config`), workspace-relative; undefined: the native plan's own
   * sections, else `port-schema.config.jsonc` beside the plan or at the root. Its rules lie below `rules`.
   */
  readonly configFile?: string;
  /** Report suppression comments and ignore entries that silence nothing (`--report-unused-disables`). */
  readonly reportUnusedDisables?: boolean;
}

export const defaultSettings: EngineSettings = { planFiles: [], rules: {} };
