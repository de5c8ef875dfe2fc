// The port map as text (what `port-schema map` prints), in a read-only virtual document: it is
// never a file, so closing it asks nothing, and each `path:line` in it opens that place.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MapRequest } from '../../server/src/lsp/protocol';

export const MAP_SCHEME = 'port-schema-map';

/** `services/billing/main.go:54`, `docker-compose.yml:32`: a workspace path and a 1-based line. */
const LOCATION = /(?<![\w./-])((?:[\w@.-]+\/)*[\w@.-]+):(\d+)\b/g;

export class MapDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.#changed.event;
  readonly #open = new Set<string>();

  constructor(private readonly client: LanguageClient) {}

  /** The document of a folder's map. */
  static uriFor(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.from({ scheme: MAP_SCHEME, path: `/Port Map — ${folder.name}`, query: folder.uri.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.#open.add(uri.toString());
    const { folders } = await this.client.sendRequest(MapRequest, { folderUri: uri.query });
    return folders[0]?.text ?? 'This folder is not open in the workspace any more.\n';
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const folder = vscode.Uri.parse(document.uri.query);
    const links: vscode.DocumentLink[] = [];
    for (let line = 0; line < document.lineCount; line++) {
      const text = document.lineAt(line).text;
      for (const m of text.matchAll(LOCATION)) {
        if (!/[./]/.test(m[1])) continue; // `4100:api` is a port and its label, not a place
        const range = new vscode.Range(line, m.index, line, m.index + m[0].length);
        const target = vscode.Uri.joinPath(folder, m[1]).with({ fragment: `L${m[2]}` });
        links.push(Object.assign(new vscode.DocumentLink(range, target), { tooltip: `Open ${m[1]} at line ${m[2]}` }));
      }
    }
    return links;
  }

  /** The index changed: open maps show it. */
  refresh(): void {
    for (const uri of this.#open) this.#changed.fire(vscode.Uri.parse(uri));
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
