// "Next Free Port…": pick one of the plan's ranges, get the lowest port no service uses in it.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { requireFolder } from '../folders';
import { NextFreeRequest, RangesRequest, type NextFreeResult, type RangeSummary } from '../../../server/src/lsp/protocol';

interface RangeItem extends vscode.QuickPickItem {
  range: RangeSummary;
}

/** `rangeName` skips the quick pick (key bindings, tests); the result is returned as well as shown. */
export function nextFreePortCommand(client: LanguageClient) {
  return async (rangeName?: string, folderArg?: vscode.Uri | string): Promise<NextFreeResult | undefined> => {
    const folder = await requireFolder(folderArg);
    if (!folder) return undefined;
    const folderUri = folder.uri.toString();
    const range = rangeName ?? (await pickRange(client, folderUri));
    if (!range) return undefined;
    const result = await client.sendRequest(NextFreeRequest, { folderUri, range });
    void announce(range, result);
    return result;
  };
}

async function pickRange(client: LanguageClient, folderUri: string): Promise<string | undefined> {
  const { ranges } = await client.sendRequest(RangesRequest, { folderUri });
  if (ranges.length === 0) {
    void vscode.window.showWarningMessage(
      'The port plan has no ranges: add one to ports.yaml (ranges: - { name: Core Services, ports: 4100-4119 }).',
    );
    return undefined;
  }
  const items: RangeItem[] = ranges.map((range) => ({
    label: range.name,
    description: `${range.start}–${range.end}`,
    detail: `${range.used} used, ${range.free} free`,
    range,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Next free port in which range?', matchOnDescription: true });
  return picked?.range.name;
}

/** Not awaited by the command: the message stays until dismissed. */
async function announce(rangeName: string, result: NextFreeResult): Promise<void> {
  if (result.error || result.ports.length === 0) {
    await vscode.window.showWarningMessage(result.error ?? `No free port left in ${rangeName}.`);
    return;
  }
  const ports = result.ports.join(', ');
  const copy = 'Copy';
  const answer = await vscode.window.showInformationMessage(`Next free port in ${result.range?.name ?? rangeName}: ${ports}`, copy);
  if (answer === copy) await vscode.env.clipboard.writeText(ports);
}
