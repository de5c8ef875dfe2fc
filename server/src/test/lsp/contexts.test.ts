import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { copyWorkspace, LspTestClient, removeDir } from '../helpers/lspClient';

/**
 * Run contexts in the editor: the built server, driven over stdio, publishes on every file of the
 * two run-context fixtures exactly the findings their EXPECTED.md lists (the same as `check`), and
 * offers the fix that points a stale reference at the port its target listens on there.
 */

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function expected(fixture: string): string[] {
  const text = readFileSync(path.join(__dirname, '..', '..', '..', 'testFixtures', fixture, 'EXPECTED.md'), 'utf8');
  const block = /## As test lines[\s\S]*?```\n([\s\S]*?)```/.exec(text)!;
  return block[1]
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').slice(0, 3).join(' '))
    .sort();
}

function published(client: LspTestClient, folder: string): string[] {
  const prefix = client.uri(folder, '');
  const out: string[] = [];
  for (const [uri, diagnostics] of client.diagnostics) {
    if (!uri.startsWith(prefix)) continue;
    const file = decodeURIComponent(uri.slice(prefix.length).replace(/^\//, ''));
    for (const d of diagnostics) out.push(`${d.code} ${SEVERITY[d.severity ?? 1]} ${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`);
  }
  return out.sort();
}

describe('language server on the run-context fixtures', () => {
  let mana: string;
  let portos: string;
  let client: LspTestClient;

  before(async () => {
    mana = copyWorkspace('server/testFixtures/contexts-mana');
    portos = copyWorkspace('server/testFixtures/contexts-portos');
    client = await LspTestClient.start({ folders: [mana, portos] });
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    removeDir(mana);
    removeDir(portos);
  });

  for (const [fixture, folder] of [['contexts-mana', () => mana], ['contexts-portos', () => portos]] as const) {
    it(`${fixture}: every finding of EXPECTED.md, and nothing else, at its site`, async () => {
      const want = expected(fixture);
      await client.waitFor(`${want.length} diagnostics in ${fixture}`, () => (published(client, folder()).length >= want.length ? true : undefined));
      assert.deepEqual(published(client, folder()), want);
    });
  }

  it('a Prometheus target on the production network is pointed at the port its target listens on there', async () => {
    const uri = client.uri(mana, 'docker/prometheus/prometheus.yml');
    const stale = (await client.waitFor('the stale target', () => client.diagnosticsFor(uri).find((d) => d.code === 'stale-reference'))) as Diagnostic;
    assert.match(stale.message, /inside Compose project docker-compose\.macmini\.yml \+ docker-compose\.monitoring\.yml mana-notify listens on 3013/);
    const actions = (await client.codeActions(uri, stale.range, [stale])) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('3013'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join('\n'));
    const edits = Object.values(fix.edit.changes ?? {}).flat();
    assert.deepEqual(edits.map((e) => e.newText), ['3013']);
  });
});
