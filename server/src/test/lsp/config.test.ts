import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { runCli, type CliFinding } from '../helpers/cli';
import { copyWorkspace, LspTestClient, positionOf, removeDir } from '../helpers/lspClient';

/** The editor and CI agree: the server over stdio with settings, the CLI with the committed config. */

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** Every published diagnostic of ours as `rule severity file:line:column`. */
function published(client: LspTestClient, dir: string): string[] {
  const out: string[] = [];
  for (const [uri, diagnostics] of client.diagnostics) {
    const file = path.relative(dir, fileURLToPath(uri)).split(path.sep).join('/');
    for (const d of diagnostics) if (d.source === 'port-schema') out.push(`${d.code} ${SEVERITY[d.severity ?? 0]} ${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`);
  }
  return out.sort();
}

function cliFindings(dir: string): string[] {
  const { code, stdout, stderr } = runCli('check', dir, '--format', 'json', '--fail-on', 'never', '--min-severity', 'hint');
  assert.equal(code, 0, stderr);
  return (JSON.parse(stdout).findings as CliFinding[]).map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column}`).sort();
}

describe('the committed config and the editor settings', () => {
  it('the editor with settings and the CLI with the same committed config report the same findings', async () => {
    const editorDir = copyWorkspace('examples/monorepo');
    const ciDir = copyWorkspace('examples/monorepo');
    const plan = path.join(ciDir, 'ports.yaml');
    // Two lines for two, so that the plan's own findings stay on their lines.
    const text = readFileSync(plan, 'utf8').replace(/rules:\n {2}contiguous: true[^\n]*\n/, 'rules: { contiguous: true, drift: off, stale-reference: error }\nexclude: [workers/**]\n');
    assert.ok(text.includes('exclude: [workers/**]'));
    writeFileSync(plan, text);
    const settings = { rules: { drift: 'off', 'stale-reference': 'error' }, exclude: ['workers/**'] };
    const client = await LspTestClient.start({ folders: [editorDir], settings });
    try {
      await client.waitForReady();
      const expected = cliFindings(ciDir);
      assert.ok(expected.some((f) => f.startsWith('stale-reference error')) && !expected.some((f) => f.startsWith('drift') || f.includes('workers/')), expected.join('\n'));
      const editor = await client.waitFor('the settings applied', () => {
        const now = published(client, editorDir);
        return now.length === expected.length ? now : undefined;
      });
      assert.deepEqual(editor, expected);
    } finally {
      await client.stop();
      removeDir(editorDir);
      removeDir(ciDir);
    }
  });

  it('a committed config is read by the editor too, and its exclude applies as soon as the plan buffer changes', async () => {
    const dir = copyWorkspace('examples/monorepo');
    const client = await LspTestClient.start({ folders: [dir] });
    try {
      await client.waitForReady();
      const worker = client.uri(dir, 'workers/email/worker.py');
      await client.waitFor('the worker findings', () => client.diagnosticsFor(worker).length > 0 || undefined);
      const doc = await client.open(dir, 'ports.yaml');
      const at = positionOf(doc, 'rules:');
      await client.edit(doc.uri, { start: at, end: at }, 'exclude: [workers/**]\n');
      await client.waitFor('the worker excluded', () => (client.diagnosticsFor(worker).length === 0 ? true : undefined));
      assert.ok(published(client, dir).length > 0, 'the rest is still checked');
    } finally {
      await client.stop();
      removeDir(dir);
    }
  });

  it('every diagnostic links its rule docs; "Ignore this collision here" writes the comment and the diagnostic goes', async () => {
    const dir = copyWorkspace('examples/monorepo');
    const client = await LspTestClient.start({ folders: [dir] });
    try {
      await client.waitForReady();
      const doc = await client.open(dir, 'services/search/app/main.py');
      const collision = await client.waitFor('the collision', () => client.diagnosticsFor(doc.uri).find((d) => d.code === 'collision'));
      const href = collision.codeDescription?.href ?? '';
      assert.match(href, /^file:.*\/docs\/rules\/collision\.md$/);
      assert.ok(existsSync(fileURLToPath(href)));
      const actions = (await client.codeActions(doc.uri, collision.range, [collision])) as CodeAction[];
      const ignore = actions.find((a) => a.title === 'Ignore this collision here');
      assert.ok(ignore?.edit, actions.map((a) => a.title).join(', '));
      assert.deepEqual(ignore.diagnostics?.map((d: Diagnostic) => d.code), ['collision']);
      await client.applyToOpenDocuments(ignore.edit);
      const line = collision.range.start.line;
      assert.match(client.document(doc.uri).getText().split('\n')[line], /^\s*# port-schema-disable-next-line collision$/);
      await client.waitFor('the collision silenced', () => (client.diagnosticsFor(doc.uri).some((d) => d.code === 'collision') ? undefined : true));
      assert.ok(client.diagnosticsFor(doc.uri).some((d) => d.code === 'drift'), 'the drift on the same line stays');
    } finally {
      await client.stop();
      removeDir(dir);
    }
  });
});
