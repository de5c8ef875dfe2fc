import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, MarkupContent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkFindings } from '../helpers/cli';
import { copyWorkspace, LspTestClient, positionOf, removeDir } from '../helpers/lspClient';

/**
 * The bundled server over stdio on copies of both seed fixtures: diagnostics, hovers on the two plan
 * formats, and the two reconcile commands applied to disk and fed back through the file watcher.
 * Each fixture is copied twice: one copy is aligned code-to-plan, the other plan-to-code.
 */

interface Reconciled {
  readonly applied: boolean;
  readonly edits: number;
  readonly unresolved: string[];
}

/** Writes a WorkspaceEdit's text edits to disk, as an editor saving them would; returns the files touched. */
function applyToDisk(edit: WorkspaceEdit): string[] {
  const byUri: [string, TextEdit[]][] = edit.changes
    ? Object.entries(edit.changes)
    : (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c ? [[c.textDocument.uri, c.edits as TextEdit[]] as [string, TextEdit[]]] : []));
  const touched: string[] = [];
  for (const [uri, edits] of byUri) {
    const file = fileURLToPath(uri);
    const doc = TextDocument.create(uri, 'plaintext', 0, readFileSync(file, 'utf8'));
    writeFileSync(file, TextDocument.applyEdits(doc, edits));
    touched.push(uri);
  }
  return touched;
}

describe('language server on the seed fixtures', () => {
  const dirs = { manaCode: '', manaPlan: '', portosCode: '', portosPlan: '' };
  let client: LspTestClient;

  const inFolder = (dir: string, uri: string) => uri.startsWith(pathToFileURL(dir).toString() + '/');
  /** `rule relative/path:line port` (1-based line) of every diagnostic of one folder with one of `rules`. */
  const diagnosticsOf = (dir: string, ...rules: string[]) => {
    const out: string[] = [];
    for (const [uri, list] of client.diagnostics) {
      if (!inFolder(dir, uri)) continue;
      const rel = path.relative(dir, fileURLToPath(uri)).split(path.sep).join('/');
      for (const d of list) if (rules.includes(String(d.code))) out.push(`${d.code} ${rel}:${d.range.start.line + 1} ${(d.data as { port: number }).port}`);
    }
    return out.sort();
  };
  const byRule = (dir: string, rel: string, rule: string): Diagnostic[] => client.diagnosticsFor(client.uri(dir, rel)).filter((d) => d.code === rule);

  before(async () => {
    dirs.manaCode = copyWorkspace('server/testFixtures/mana-like');
    dirs.manaPlan = copyWorkspace('server/testFixtures/mana-like');
    dirs.portosCode = copyWorkspace('server/testFixtures/portos-like');
    dirs.portosPlan = copyWorkspace('server/testFixtures/portos-like');
    client = await LspTestClient.start({ folders: Object.values(dirs) });
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    for (const dir of Object.values(dirs)) removeDir(dir);
  });

  it('mana: the two collisions, image-gen ↔ video-gen on 3026 and voice-bot ↔ sync on 3050, as warnings at every site', async () => {
    const dir = dirs.manaCode;
    await client.waitFor('mana collisions', () => (diagnosticsOf(dir, 'collision').length === 5 ? true : undefined));
    // mana-sync's listener on 3050 has two sites: its Go default (on its own) and the Compose line that publishes it.
    assert.deepEqual(diagnosticsOf(dir, 'collision'), [
      'collision docker-compose.macmini.yml:45 3050',
      'collision services/mana-image-gen/app/main.py:35 3026',
      'collision services/mana-sync/main.go:21 3050',
      'collision services/mana-video-gen/app/main.py:35 3026',
      'collision services/mana-voice-bot/app/main.py:30 3050',
    ]);
    const [imageGen] = byRule(dir, 'services/mana-image-gen/app/main.py', 'collision');
    assert.equal(imageGen.severity, 2);
    assert.match(imageGen.message, /Port 3026 is bound by mana-image-gen here and by mana-video-gen/);
    assert.deepEqual(imageGen.relatedInformation?.map((r) => r.location.uri), [client.uri(dir, 'services/mana-video-gen/app/main.py')]);
    const [voiceBot] = byRule(dir, 'services/mana-voice-bot/app/main.py', 'collision');
    assert.match(voiceBot.message, /Port 3050 is bound by mana-voice-bot here and by mana-sync \(docker-compose\.macmini\.yml:45 and 1 more\)/);
  });

  it('mana: the drifts, one per listener site', () => {
    assert.deepEqual(diagnosticsOf(dirs.manaCode, 'drift'), [
      'drift docker-compose.macmini.yml:45 3050',
      'drift services/mana-credits/cmd/server/main.go:25 3061',
      'drift services/mana-image-gen/app/main.py:35 3026',
      'drift services/mana-llm/app/main.py:29 3025',
      'drift services/mana-llm/start.sh:6 3025',
      'drift services/mana-media/src/main.ts:8 3015',
      'drift services/mana-stt/start.sh:5 3020',
      'drift services/mana-sync/main.go:21 3050',
      'drift services/mana-user/cmd/server/main.go:18 3062',
      'drift services/mana-voice-bot/app/main.py:30 3050',
    ]);
    assert.match(byRule(dirs.manaCode, 'services/mana-media/src/main.ts', 'drift')[0].message, /mana-media binds 3015; the plan assigns 3011 \(docs\/PORT_SCHEMA\.md:45\)/);
  });

  it('portos: the hard-coded PM2 drift', async () => {
    const d = await client.waitFor('portos drift', () => byRule(dirs.portosCode, 'ecosystem.config.cjs', 'drift')[0]);
    assert.deepEqual(d.range, { start: { line: 77, character: 14 }, end: { line: 77, character: 18 } });
    assert.match(d.message, /portos-autofixer-ui binds 5565; the plan assigns 5560/);
  });

  it('hover on a Markdown plan row: planned for whom, what the code binds instead, then its range', async () => {
    const doc = await client.open(dirs.manaPlan, 'docs/PORT_SCHEMA.md');
    try {
      const hover = await client.hover(doc.uri, positionOf(doc, '| 3010 | mana-sync', 3));
      const text = (hover?.contents as MarkupContent).value;
      assert.match(text, /^\*\*Port 3010\*\* · planned for \*\*mana-sync\*\* · `mana-sync` listens on 3050 instead \(\[docker-compose\.macmini\.yml:45\]\(.*#L45\)\)\n/, 'mana-sync binds 3050, not its planned 3010');
      assert.match(text, /\n- Go · Local-first data sync \(WebSocket \+ HTTP\)\n/);
      assert.match(text, /\n- range \*\*Core Infrastructure Services\*\* 3010–3019/);
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
    }
  });

  it('hover on a PM2 PORTS entry: the app that binds it, its planned owner and label', async () => {
    const doc = await client.open(dirs.portosPlan, 'ecosystem.config.cjs');
    try {
      const hover = await client.hover(doc.uri, positionOf(doc, 'CDP: 5556', 6));
      const text = (hover?.contents as MarkupContent).value;
      assert.match(text, /^\*\*Port 5556\*\* · `portos-browser` listens here \(on its own\) · as planned\n/);
      assert.match(text, /\n- \*\*portos-browser\*\* \(cdp\): Chrome DevTools Protocol — \[docs\/PORTS\.md:29\]/);
      assert.match(text, /\n- range \*\*PortOS core services\*\* 5554–5560/);
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
    }
  });

  /** Runs a reconcile command on one folder, writes its edit to disk and tells the server through the watcher. */
  async function reconcile(command: string, dir: string): Promise<{ result: Reconciled; touched: string[] }> {
    const editsBefore = client.appliedEdits.length;
    const result = (await client.executeCommand(command, [pathToFileURL(dir).toString()])) as Reconciled;
    assert.equal(result.applied, true, JSON.stringify(result));
    assert.equal(client.appliedEdits.length, editsBefore + 1, 'one workspace/applyEdit per folder');
    const touched = applyToDisk(client.appliedEdits.at(-1)!);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: touched.map((uri) => ({ uri, type: 2 })) });
    return { result, touched };
  }

  const rel = (dir: string, uris: string[]) => uris.map((u) => path.relative(dir, fileURLToPath(u)).split(path.sep).join('/')).sort();

  it('mana, align code with the plan: every drift and stale reference goes; the collisions it met are listed', async () => {
    const dir = dirs.manaCode;
    const { result, touched } = await reconcile('portSchema.server.alignCodeWithPlan', dir);
    assert.deepEqual(result.unresolved.slice().sort(), [
      'Port 3026 is bound by mana-image-gen and mana-video-gen: a collision neither side of the plan settles.',
      'Port 3050 is bound by mana-sync and mana-voice-bot: a collision neither side of the plan settles.',
    ]);
    assert.ok(!rel(dir, touched).includes('docs/PORT_SCHEMA.md'), 'the plan is left alone');
    // Moving image-gen to 3023 and voice-bot to 3024 settles both collisions too (published after the edited files).
    await client.waitFor('mana drift and collisions to clear', () => (diagnosticsOf(dir, 'drift', 'stale-reference', 'collision').length === 0 ? true : undefined));
    assert.match(readFileSync(path.join(dir, 'services/mana-credits/cmd/server/main.go'), 'utf8'), /getEnv\("PORT", "3002"\)/);
    assert.match(readFileSync(path.join(dir, '.env.development'), 'utf8'), /MANA_LLM_URL=http:\/\/localhost:3020\n/);
    assert.deepEqual(checkFindings(dir).lines.filter((l) => /^(drift|stale-reference) /.test(l)), [], 'the CLI agrees');
  });

  it('mana, align the plan with the code: uncontested drifts go; contested ones stay, listed in unresolved', async () => {
    const dir = dirs.manaPlan;
    const { result, touched } = await reconcile('portSchema.server.alignPlanWithCode', dir);
    assert.deepEqual(rel(dir, touched), ['docs/PORT_SCHEMA.md']);
    const contested = ['mana-image-gen binds 3026', 'mana-sync binds 3050', 'mana-voice-bot binds 3050'];
    for (const c of contested) assert.ok(result.unresolved.some((u) => u.startsWith(c)), `${c} not in ${result.unresolved.join('\n')}`);
    assert.ok(result.unresolved.some((u) => /Port 3026 is bound by mana-image-gen and mana-video-gen/.test(u)));
    const plan = readFileSync(path.join(dir, 'docs/PORT_SCHEMA.md'), 'utf8');
    assert.match(plan, /\| 3061 \| mana-credits \| Go \|/);
    assert.match(plan, /\| 3025 \| mana-llm \| Python \|/);
    assert.match(plan, /\| 3023 \| mana-image-gen \|/, 'contested: not written');
    await client.waitFor('uncontested mana drift to clear', () => (diagnosticsOf(dir, 'drift').length === 4 ? true : undefined));
    assert.deepEqual(diagnosticsOf(dir, 'drift'), [
      'drift docker-compose.macmini.yml:45 3050',
      'drift services/mana-image-gen/app/main.py:35 3026',
      'drift services/mana-sync/main.go:21 3050',
      'drift services/mana-voice-bot/app/main.py:30 3050',
    ]);
    assert.equal(diagnosticsOf(dir, 'collision').length, 5, 'the collisions remain');
    assert.deepEqual(checkFindings(dir).lines.filter((l) => l.startsWith('drift ')).map((l) => l.split(' ')[2]), [
      'docker-compose.macmini.yml:45:10',
      'services/mana-image-gen/app/main.py:35:35',
      'services/mana-sync/main.go:21:26',
      'services/mana-voice-bot/app/main.py:30:66',
    ]);
  });

  it('portos, align code with the plan: PORT 5565 becomes 5560 in ecosystem.config.cjs', async () => {
    const dir = dirs.portosCode;
    const { result, touched } = await reconcile('portSchema.server.alignCodeWithPlan', dir);
    assert.deepEqual(rel(dir, touched), ['ecosystem.config.cjs']);
    assert.deepEqual(result.unresolved, []);
    assert.match(readFileSync(path.join(dir, 'ecosystem.config.cjs'), 'utf8'), /env: \{\n {8}PORT: 5560\n/);
    await client.waitFor('portos drift to clear', () => (diagnosticsOf(dir, 'drift', 'out-of-range').length === 0 ? true : undefined));
    assert.deepEqual(checkFindings(dir).lines.filter((l) => l.startsWith('drift ')), []);
  });

  it('portos, align the plan with the code: the Markdown row of portos-autofixer-ui takes 5565', async () => {
    const dir = dirs.portosPlan;
    const { touched } = await reconcile('portSchema.server.alignPlanWithCode', dir);
    assert.deepEqual(rel(dir, touched), ['docs/PORTS.md']);
    assert.match(readFileSync(path.join(dir, 'docs/PORTS.md'), 'utf8'), /\| 5565 \| portos-autofixer-ui \| ui \| Autofixer web UI \|/);
    await client.waitFor('portos drift to clear', () => (diagnosticsOf(dir, 'drift').length === 0 ? true : undefined));
    assert.deepEqual(checkFindings(dir).lines.filter((l) => l.startsWith('drift ')), []);
  });
});
