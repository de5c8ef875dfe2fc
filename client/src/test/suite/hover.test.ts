// Hovering a port literal tells who owns the port, who else uses it and which range it belongs to.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, byRule, hoverText, openDocument, rangeOf, revertAllEditors, waitForDiagnostics } from './helpers';

suite('hover', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('the 4101 in search names its owner, the collision with auth and the range', async () => {
    const document = await openDocument('services/search/app/main.py');
    await waitForDiagnostics(document.uri, (ds) => ds.some(byRule('collision')), 30_000, 'the topology to finish');
    const port = rangeOf(document, '4101');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, port.start.translate(0, 2));
    const text = hoverText(hovers);
    assert.match(text, /\bsearch\b/, `hover should name the owner:\n${text}`);
    assert.match(text, /\bauth\b/, `hover should name the other listener:\n${text}`);
    assert.match(text, /Core Services/, `hover should name the range:\n${text}`);
  });

  test('a number that is not a port gets no port hover', async () => {
    const document = await openDocument('services/search/app/main.py');
    await waitForDiagnostics(document.uri, (ds) => ds.some(byRule('collision')), 30_000, 'the topology to finish');
    const portHover = (position: vscode.Position) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position).then(hoverText);
    // The same request on the port beside it does answer: an empty hover below is the server's verdict, not a dead provider.
    assert.match(await portHover(rangeOf(document, '4101').start.translate(0, 1)), /\*\*Port 4101\*\*/);
    assert.doesNotMatch(await portHover(rangeOf(document, '300').start.translate(0, 1)), /\*\*Port \d+\*\*/);
  });
});
