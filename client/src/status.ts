// Quiet by default: what Port Schema found lives in the language status item (the `{}` next to the
// language mode), not in a permanent status bar item, and a folder without a plan is never prompted
// about: the plan item offers "Create a plan from this workspace" for whoever looks.
import * as vscode from 'vscode';
import type { FolderStatus, SeverityCounts } from '../../server/src/lsp/protocol';

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

/** Context keys for `when` clauses: commands show where they apply. */
export const CONTEXT = {
  hasPlan: 'portSchema.hasPlan',
  folderWithoutPlan: 'portSchema.folderWithoutPlan',
  ready: 'portSchema.ready',
} as const;

export class PortStatus implements vscode.Disposable {
  readonly #problems = vscode.languages.createLanguageStatusItem('portSchema.problems', SELECTOR);
  readonly #plan = vscode.languages.createLanguageStatusItem('portSchema.plan', SELECTOR);
  readonly #subscriptions: vscode.Disposable[] = [];
  #folders: readonly FolderStatus[] = [];

  constructor() {
    for (const item of [this.#problems, this.#plan]) {
      item.name = 'Port Schema';
      item.busy = true;
    }
    this.#problems.text = '$(plug) Ports';
    this.#problems.detail = 'checking the workspace…';
    this.#plan.text = 'Port plan';
    // The plan item is about the folder of the file in front of the user.
    this.#subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.#render()));
  }

  update(folders: readonly FolderStatus[]): void {
    this.#folders = folders;
    const enabled = folders.filter((f) => f.enabled);
    void vscode.commands.executeCommand('setContext', CONTEXT.ready, true);
    void vscode.commands.executeCommand('setContext', CONTEXT.hasPlan, enabled.some((f) => f.planFiles.length > 0));
    void vscode.commands.executeCommand('setContext', CONTEXT.folderWithoutPlan, enabled.some((f) => f.planFiles.length === 0));
    this.#render();
  }

  #render(): void {
    for (const item of [this.#problems, this.#plan]) item.busy = false;
    const counts = total(this.#folders.filter((f) => f.enabled).map((f) => f.counts));
    const shown = counts.error + counts.warning + counts.info;
    this.#problems.text = shown ? `$(plug) ${shown} port problem${shown === 1 ? '' : 's'}` : '$(plug) No port problems';
    // The Problems panel hides hints: say them apart, so the count matches what it shows.
    this.#problems.detail = counts.hint ? `+${counts.hint} hint${counts.hint === 1 ? '' : 's'}` : undefined;
    this.#problems.severity = counts.error ? vscode.LanguageStatusSeverity.Error : counts.warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.#problems.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
    this.#renderPlan(this.#activeFolder());
  }

  #renderPlan(folder: FolderStatus | undefined): void {
    if (!folder) {
      this.#plan.text = 'No folder';
      this.#plan.detail = undefined;
      this.#plan.command = undefined;
      return;
    }
    if (!folder.enabled) {
      this.#plan.text = '$(circle-slash) Port Schema is off here';
      this.#plan.detail = 'portSchema.enable';
      this.#plan.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['portSchema.enable'] };
      return;
    }
    if (folder.planFiles.length) {
      this.#plan.text = `$(book) Plan: ${folder.planFiles.join(', ')}`;
      this.#plan.detail = `${folder.services} planned service${folder.services === 1 ? '' : 's'}`;
      this.#plan.command = { title: 'Show Port Map', command: 'portSchema.showMap' };
      this.#plan.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    this.#plan.text = '$(book) No port plan';
    this.#plan.detail = 'collisions are checked; drift needs a plan';
    this.#plan.command = { title: 'Create a plan from this workspace', command: 'portSchema.createSchema', arguments: [folder.uri] };
  }

  /** The folder of the active editor, else the only (or first) folder. */
  #activeFolder(): FolderStatus | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active && vscode.workspace.getWorkspaceFolder(active);
    return (folder && this.#folders.find((f) => f.uri === folder.uri.toString())) ?? this.#folders[0];
  }

  /** What the items show now, for the tests. */
  snapshot(): { problems: { text: string; detail?: string }; plan: { text: string; detail?: string; command?: string } } {
    return {
      problems: { text: this.#problems.text, detail: this.#problems.detail },
      plan: { text: this.#plan.text, detail: this.#plan.detail, command: this.#plan.command?.command },
    };
  }

  dispose(): void {
    this.#problems.dispose();
    this.#plan.dispose();
    for (const s of this.#subscriptions) s.dispose();
  }
}

function total(all: readonly SeverityCounts[]): SeverityCounts {
  return all.reduce((a, c) => ({ error: a.error + c.error, warning: a.warning + c.warning, info: a.info + c.info, hint: a.hint + c.hint }), { error: 0, warning: 0, info: 0, hint: 0 });
}
