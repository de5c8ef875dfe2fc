// What the user sees besides the editor: the Port Map view (ranges → services → ports), the
// language status items with counts that agree with the Problems panel, the walkthrough, terminal
// links for "port already in use", and live listeners (a real one this test opens).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as vscode from 'vscode';
import { activateExtension, byRule, EXTENSION_ID, extensionApi, fileUri, hoverText, openDocument, rangeOf, revertAllEditors, setUserSetting, waitForDiagnostics, waitUntil } from './helpers';

type Node = Parameters<Awaited<ReturnType<typeof extensionApi>>['portMap']['getTreeItem']>[0];

/** Labels and descriptions of a tree level, as the view shows them. */
async function level(nodes: Node[]): Promise<{ node: Node; label: string; description: string }[]> {
  const { portMap } = await extensionApi();
  return nodes.map((node) => {
    const item = portMap.getTreeItem(node);
    return { node, label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''), description: String(item.description ?? '') };
  });
}

suite('views', () => {
  suiteSetup(activateExtension);
  teardown(revertAllEditors);

  test('the Port Map: ranges, their services and ports with where they run, the free ports as gaps', async () => {
    const { portMap } = await extensionApi();
    await waitForDiagnostics(fileUri('services/search/app/main.py'), (ds) => ds.some(byRule('collision')), 30_000, 'the index');
    const ranges = await level(await portMap.getChildren());
    assert.deepEqual(ranges.map((r) => r.label), ['Core Services', 'Web Frontends', 'Workers', 'Outside the plan\'s ranges']);
    const core = ranges[0];
    assert.match(core.description, /^4100–4119 · \d+ free$/);
    const services = await level(await portMap.getChildren(core.node));
    const search = services.find((s) => s.label === 'search')!;
    assert.equal(search.description, 'planned 4103 · binds 4101');
    const ports = await level(await portMap.getChildren(search.node));
    assert.deepEqual(ports.map((p) => `${p.label}: ${p.description}`), ['4101: bound, not planned · on its own', '4103: planned, not bound']);
    const sites = await level(await portMap.getChildren(ports[0].node));
    assert.deepEqual(sites.map((s) => `${s.label} (${s.description})`), ['services/search/app/main.py:43 (bind · on its own)']);
    const open = portMap.getTreeItem(sites[0].node).command;
    assert.equal(open?.command, 'vscode.open', 'a click jumps to the site');
    const gaps = services.find((s) => s.label.startsWith('free: '));
    assert.match(gaps?.label ?? '', /^free: 4104, 4106–4109, 4111–4114$/);
    assert.ok(services.some((s) => s.label === 'reserved: 4115–4119'));
  });

  test('the language status: problems as the Problems panel counts them, and the plan in use', async () => {
    const { status } = await extensionApi();
    await openDocument('services/search/app/main.py');
    const shown = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === 'port-schema' && d.severity !== vscode.DiagnosticSeverity.Hint));
    const snapshot = await waitUntil({
      events: [vscode.languages.onDidChangeDiagnostics],
      probe: () => (status.snapshot().problems.text.includes(`${shown.length} port problem`) ? status.snapshot() : undefined),
      timeoutMs: 20_000,
      what: `the status to count ${shown.length} problems`,
      seen: () => JSON.stringify(status.snapshot()),
    });
    assert.equal(snapshot.problems.text, `$(plug) ${shown.length} port problems`);
    assert.equal(snapshot.plan.text, '$(book) Plan: ports.yaml');
    assert.equal(snapshot.plan.command, 'portSchema.showMap');
  });

  test('a walkthrough in three steps, packaged with its pages', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as { steps: { title: string; media: { markdown: string } }[] }[];
    assert.deepEqual(walkthrough.steps.map((s) => s.title), ['Open a workspace', 'See a collision and fix it', 'Create or connect a plan']);
    for (const step of walkthrough.steps) assert.ok(fs.existsSync(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown).fsPath), `${step.media.markdown} is in the package`);
  });

  test('terminal links on "port already in use" lines, on the port', async () => {
    const { terminalLinks } = await extensionApi();
    const node = 'Error: listen EADDRINUSE: address already in use :::4101';
    assert.deepEqual(terminalLinks(node).map((l) => [l.port, node.slice(l.startIndex, l.startIndex + l.length)]), [[4101, '4101']]);
    const docker = 'Error response from daemon: driver failed programming external connectivity on endpoint shop-gateway-1: Bind for 0.0.0.0:4100 failed: port is already allocated';
    assert.deepEqual(terminalLinks(docker).map((l) => l.port), [4100]);
    const uvicorn = "ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 4103): address already in use";
    assert.deepEqual(terminalLinks(uvicorn).map((l) => l.port), [4103]);
    assert.deepEqual(terminalLinks('GET /health 200 in 4101ms'), [], 'a line that says nothing about a port in use');
  });

  test('live listeners: real listeners this test opens show in the hover, and Next Free Port skips them', async () => {
    const nextFree = async () => (await vscode.commands.executeCommand<{ ports: number[] }>('portSchema.nextFreePort', 'Core Services')).ports[0];
    const free = await nextFree();
    // 4110 is notifier's port (notifier is not running here); `free` is what Next Free Port gives now.
    const servers = await Promise.all([4110, free].map(listenOn));
    try {
      await setUserSetting('portSchema.live.enable', true);
      // The watch reads what listens every few seconds: ask until it has seen them.
      const skipped = await pollUntil(async () => ((await nextFree()) !== free ? nextFree() : undefined), 20_000, `Next Free Port to skip ${free}, now in use`);
      assert.ok(skipped > free, `${skipped} should come after ${free}, which is in use`);
      const notifier = await openDocument('services/notifier/index.js');
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', notifier.uri, rangeOf(notifier, '4110').start.translate(0, 1)));
      // This extension host is the process listening: code-server runs it under Node.
      assert.match(hover, new RegExp(`- listening now: node \\(pid ${process.pid}\\)`), hover);
    } finally {
      for (const server of servers) server.close();
      await setUserSetting('portSchema.live.enable', undefined);
    }
    assert.equal(await pollUntil(async () => ((await nextFree()) === free ? free : undefined), 20_000, 'live listeners off again'), free);
  });
});

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Asks `probe` every half second until it answers; the watch of live listeners polls too, so no event says when. */
async function pollUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
