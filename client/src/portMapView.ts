// The Port Map view in the Explorer: ranges → services → ports, each port with where it runs and
// whether it is bound, planned or free; the free ports of each range as gaps. Every row that names a
// place opens it. Refreshed whenever the server publishes new findings (the index changed).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TreeRequest, type FolderTree, type SiteLocation, type TreePort, type TreeRange, type TreeService } from '../../server/src/lsp/protocol';

export const VIEW_ID = 'portSchema.portMap';

type Node =
  | { readonly type: 'folder'; readonly folder: FolderTree }
  | { readonly type: 'range'; readonly range: TreeRange }
  | { readonly type: 'outside'; readonly services: readonly TreeService[] }
  | { readonly type: 'service'; readonly service: TreeService }
  | { readonly type: 'port'; readonly service: TreeService; readonly port: TreePort }
  | { readonly type: 'site'; readonly site: SiteLocation }
  | { readonly type: 'gaps'; readonly range: TreeRange }
  | { readonly type: 'reserved'; readonly range: TreeRange }
  | { readonly type: 'empty'; readonly message: string };

const STATE: Readonly<Record<TreePort['state'], { text: string; icon: string; color?: string }>> = {
  bound: { text: 'bound', icon: 'pass-filled', color: 'testing.iconPassed' },
  planned: { text: 'planned, not bound', icon: 'circle-large-outline' },
  unplanned: { text: 'bound, not planned', icon: 'warning', color: 'list.warningForeground' },
  container: { text: 'inside its container', icon: 'package' },
};

export class PortMapView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #folders: readonly FolderTree[] | undefined;
  #loading: Promise<readonly FolderTree[]> | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** The index changed: fetch the tree again when it is next shown. */
  refresh(): void {
    this.#folders = undefined;
    this.#loading = undefined;
    this.#changed.fire(undefined);
  }

  /** The current tree (for "Copy as Markdown" and the tests). */
  async folders(): Promise<readonly FolderTree[]> {
    if (this.#folders) return this.#folders;
    this.#loading ??= this.client.sendRequest(TreeRequest, {}).then((r) => (this.#folders = r.folders));
    return this.#loading;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const folders = await this.folders();
      if (!folders.length) return [{ type: 'empty', message: 'Open a folder to see its ports.' }];
      return folders.length === 1 ? folderChildren(folders[0]) : folders.map((folder) => ({ type: 'folder', folder }));
    }
    switch (node.type) {
      case 'folder':
        return folderChildren(node.folder);
      case 'range':
        return [
          ...node.range.services.map((service): Node => ({ type: 'service', service })),
          ...(node.range.gaps.length ? [{ type: 'gaps', range: node.range } as Node] : []),
          ...(node.range.reserved.length ? [{ type: 'reserved', range: node.range } as Node] : []),
        ];
      case 'outside':
        return node.services.map((service) => ({ type: 'service', service }));
      case 'service':
        return node.service.ports.map((port) => ({ type: 'port', service: node.service, port }));
      case 'port':
        return node.port.sites.map((site) => ({ type: 'site', site }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'folder':
        return item(vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(node.folder.uri))?.name ?? node.folder.uri, vscode.TreeItemCollapsibleState.Expanded, {
          description: node.folder.planFiles.length ? `plan: ${node.folder.planFiles.join(', ')}` : 'no plan',
          icon: 'root-folder',
        });
      case 'range':
        return item(node.range.name, vscode.TreeItemCollapsibleState.Expanded, {
          description: `${node.range.start}–${node.range.end} · ${node.range.free} free`,
          tooltip: node.range.purpose,
          icon: 'symbol-numeric',
          open: { uri: node.range.location.uri, range: node.range.location.range },
        });
      case 'outside':
        return item('Outside the plan\'s ranges', vscode.TreeItemCollapsibleState.Collapsed, { icon: 'question', description: `${node.services.length} service${node.services.length === 1 ? '' : 's'}` });
      case 'service':
        return serviceItem(node.service);
      case 'port':
        return portItem(node.port);
      case 'site':
        return item(`${vscode.workspace.asRelativePath(vscode.Uri.parse(node.site.uri))}:${node.site.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None, {
          description: `${node.site.kind} · ${node.site.context}`,
          icon: node.site.kind === 'plan' ? 'book' : 'go-to-file',
          open: { uri: node.site.uri, range: node.site.range },
        });
      case 'gaps':
        return item(`free: ${node.range.gaps.map(span).join(', ')}`, vscode.TreeItemCollapsibleState.None, {
          icon: 'circle-small',
          tooltip: 'Not planned for any service, not bound, published or referenced in this workspace, outside the reserved blocks, not a well-known port.',
        });
      case 'reserved':
        return item(`reserved: ${node.range.reserved.map(span).join(', ')}`, vscode.TreeItemCollapsibleState.None, { icon: 'lock' });
      case 'empty':
        return item(node.message, vscode.TreeItemCollapsibleState.None, {});
    }
  }

  dispose(): void {
    this.#changed.dispose();
  }
}

/** A folder's ranges, then the services none of them holds; without ranges (or a plan), its services by port. */
function folderChildren(folder: FolderTree): Node[] {
  if (!folder.ranges.length) {
    const services = folder.outside.map((service): Node => ({ type: 'service', service }));
    return services.length ? services : [{ type: 'empty', message: 'No ports in this folder yet.' }];
  }
  const nodes: Node[] = folder.ranges.map((range) => ({ type: 'range', range }));
  if (folder.outside.length) nodes.push({ type: 'outside', services: folder.outside });
  return nodes;
}

function serviceItem(service: TreeService): vscode.TreeItem {
  const planned = service.ports.filter((p) => p.state === 'bound' || p.state === 'planned').map((p) => p.port);
  const unplanned = service.ports.filter((p) => p.state === 'unplanned').map((p) => p.port);
  const parts = [
    service.planned ? `planned ${planned.join(', ') || '—'}` : 'not in the plan',
    ...(unplanned.length ? [`binds ${unplanned.join(', ')}`] : []),
    ...(service.project && !service.planned ? [service.project] : []),
  ];
  const drift = service.planned && unplanned.length > 0;
  return item(service.name, vscode.TreeItemCollapsibleState.Collapsed, {
    description: parts.join(' · '),
    icon: drift || !service.planned ? 'warning' : 'server-process',
    color: drift || !service.planned ? 'list.warningForeground' : undefined,
  });
}

function portItem(port: TreePort): vscode.TreeItem {
  const state = STATE[port.state];
  const first = port.sites.find((s) => s.kind !== 'plan') ?? port.sites[0];
  return item(`${port.port}${port.label ? ` ${port.label}` : ''}`, port.sites.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None, {
    description: [state.text, ...port.contexts].join(' · '),
    icon: state.icon,
    color: state.color,
    ...(first ? { open: { uri: first.uri, range: first.range } } : {}),
  });
}

function span(r: { readonly start: number; readonly end: number }): string {
  return r.start === r.end ? String(r.start) : `${r.start}–${r.end}`;
}

function item(
  label: string,
  state: vscode.TreeItemCollapsibleState,
  opts: { description?: string; tooltip?: string; icon?: string; color?: string; open?: { uri: string; range: { start: { line: number; character: number } } } },
): vscode.TreeItem {
  const treeItem = new vscode.TreeItem(label, state);
  treeItem.description = opts.description;
  treeItem.tooltip = opts.tooltip ?? (opts.description ? `${label} — ${opts.description}` : label);
  if (opts.icon) treeItem.iconPath = new vscode.ThemeIcon(opts.icon, opts.color ? new vscode.ThemeColor(opts.color) : undefined);
  if (opts.open) {
    const position = new vscode.Position(opts.open.range.start.line, opts.open.range.start.character);
    treeItem.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(opts.open.uri), { selection: new vscode.Range(position, position) } satisfies vscode.TextDocumentShowOptions] };
  }
  return treeItem;
}
