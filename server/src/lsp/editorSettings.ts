/**
 * The settings only the editor has (the CLI has no use for them), read from the same `portSchema`
 * section as the folder settings of `settings.ts`: kept apart so that each file has one job.
 */
export interface EditorSettings {
  /** `portSchema.enable`: false leaves the folder alone (no diagnostics, no lenses, no answers). */
  readonly enable: boolean;
  /** `portSchema.run`: check as you type, or only when a file is saved. */
  readonly run: 'onType' | 'onSave';
  /** `portSchema.live.enable`: watch what listens on this machine (hover, next free port). */
  readonly live: boolean;
}

export const defaultEditorSettings: EditorSettings = { enable: true, run: 'onType', live: false };

/** From the user's JSON: what is well formed counts, the rest keeps its default. `live.enable` may come nested or dotted. */
export function parseEditorSettings(raw: unknown): EditorSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const live = section.live && typeof section.live === 'object' ? (section.live as Record<string, unknown>).enable : section['live.enable'];
  return {
    enable: typeof section.enable === 'boolean' ? section.enable : defaultEditorSettings.enable,
    run: section.run === 'onSave' || section.run === 'onType' ? section.run : defaultEditorSettings.run,
    live: typeof live === 'boolean' ? live : defaultEditorSettings.live,
  };
}
