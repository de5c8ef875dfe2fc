// The status bar item and the one-time offer to create a plan for a folder that has none.
import * as vscode from 'vscode';
import type { FolderStatus } from '../../server/src/lsp/protocol';

const PROMPTED_KEY = 'portSchema.offeredCreateSchema';

export class PortStatus implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('portSchema.status', vscode.StatusBarAlignment.Left, 10);
  /** Folders asked about in this session: status notifications arrive faster than the memento saves. */
  readonly #offered = new Set<string>();

  constructor(private readonly state: vscode.Memento) {
    this.#item.name = 'Port Schema';
    this.#item.text = '$(plug) Ports';
    this.#item.tooltip = 'Port Schema: checking the workspace…';
    this.#item.show();
  }

  update(folders: readonly FolderStatus[]): void {
    const unplanned = folders.filter((f) => f.planFiles.length === 0);
    const findings = folders.reduce((sum, f) => sum + f.findings, 0);
    this.#item.text = `$(plug) Ports: ${findings} finding${findings === 1 ? '' : 's'}${unplanned.length ? ' (no plan)' : ''}`;
    this.#item.tooltip = new vscode.MarkdownString(folders.map(describeFolder).join('\n\n'));
    this.#item.command = unplanned.length
      ? { title: 'Create ports.yaml', command: 'portSchema.createSchema', arguments: [unplanned[0].uri] }
      : { title: 'Show problems', command: 'workbench.actions.view.problems' };
    for (const folder of unplanned) void this.#offerCreatePlan(folder);
  }

  /** Asks once per folder (remembered in workspace state) whether to write a plan from the code. */
  async #offerCreatePlan(folder: FolderStatus): Promise<void> {
    const offered = this.state.get<string[]>(PROMPTED_KEY, []);
    if (this.#offered.has(folder.uri) || offered.includes(folder.uri)) return;
    this.#offered.add(folder.uri);
    await this.state.update(PROMPTED_KEY, [...offered, folder.uri]);
    const name = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folder.uri))?.name ?? folder.uri;
    const create = 'Create ports.yaml from this workspace';
    const answer = await vscode.window.showInformationMessage(
      `Port Schema found no port plan in ${name} (ports.yaml, a PORT_SCHEMA.md table or a PM2 ecosystem file): collisions are checked, drift cannot be. Write one from the ports the code uses?`,
      create,
    );
    if (answer === create) await vscode.commands.executeCommand('portSchema.createSchema', folder.uri);
  }

  dispose(): void {
    this.#item.dispose();
  }
}

function describeFolder(folder: FolderStatus): string {
  const name = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folder.uri))?.name ?? folder.uri;
  const plan = folder.planFiles.length ? folder.planFiles.map((f) => `\`${f}\``).join(', ') : 'no plan';
  return `**${name}**: ${folder.findings} findings, ${folder.services} planned services, plan: ${plan}`;
}
