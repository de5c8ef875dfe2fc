// "Port already in use" in a terminal (`EADDRINUSE :::4101`, Docker's "port is already allocated",
// Go's and uvicorn's "address already in use") becomes a link: who owns the port in this workspace,
// what listens on it now, and the next free port beside it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PortInfoRequest, type PortInfoResult } from '../../server/src/lsp/protocol';

/** A line that says a port is taken. */
const IN_USE = /EADDRINUSE|address already in use|port is already allocated|Address in use/i;
/** The port in such a line: `:::4101`, `0.0.0.0:4101`, `:4101:`, `('0.0.0.0', 4101)`. */
const PORT = /(?::|,\s*)(\d{2,5})\b(?!\.\d)/g;

export interface PortLink extends vscode.TerminalLink {
  readonly port: number;
}

/** The port links of one terminal line (exported for the tests). */
export function portLinksIn(line: string): PortLink[] {
  if (!IN_USE.test(line)) return [];
  const links: PortLink[] = [];
  for (const m of line.matchAll(PORT)) {
    const port = Number(m[1]);
    if (port < 1 || port > 65535) continue;
    const start = m.index + m[0].length - m[1].length;
    links.push({ startIndex: start, length: m[1].length, port, tooltip: `Port Schema: who owns ${port}, and the next free port` });
  }
  // The last port named is the one that failed (`listen tcp 127.0.0.1:4101: bind: …`).
  return links.slice(-1);
}

export class PortTerminalLinks implements vscode.TerminalLinkProvider<PortLink> {
  constructor(private readonly client: LanguageClient) {}

  provideTerminalLinks(context: vscode.TerminalLinkContext): PortLink[] {
    return portLinksIn(context.line);
  }

  async handleTerminalLink(link: PortLink): Promise<void> {
    const info = await this.client.sendRequest(PortInfoRequest, { port: link.port });
    const picked = await vscode.window.showQuickPick(itemsFor(info), { placeHolder: `Port ${info.port} is in use`, matchOnDescription: true });
    await picked?.run();
  }
}

interface Item extends vscode.QuickPickItem {
  run(): Thenable<unknown>;
}

function itemsFor(info: PortInfoResult): Item[] {
  const open = (uri: string, range: { start: { line: number; character: number } }) => () =>
    vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character) });
  const items: Item[] = [
    ...info.listeners.map((l) => ({ label: `$(go-to-file) ${l.owner} listens on ${info.port}`, description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(l.uri))}:${l.range.start.line + 1} · ${l.context}`, run: open(l.uri, l.range) })),
    ...info.plannedFor.map((p) => ({ label: `$(book) The plan gives ${info.port} to ${p.service}`, description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(p.uri))}:${p.range.start.line + 1}`, run: open(p.uri, p.range) })),
    ...info.live.map((l) => ({ label: `$(pulse) Listening now: ${l}`, run: async () => undefined })),
  ];
  if (info.nextFree) {
    const { port, range } = info.nextFree;
    items.push({ label: `$(copy) Copy the next free port in ${range}: ${port}`, run: () => vscode.env.clipboard.writeText(String(port)) });
  }
  if (!info.listeners.length && !info.plannedFor.length) items.unshift({ label: `Nothing in this workspace listens on ${info.port}`, description: 'another program holds it', run: async () => undefined });
  return items;
}
