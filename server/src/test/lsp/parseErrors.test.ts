import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, serverOnCopy, stopServerOnCopy } from '../helpers/lspClient';

/** Drives the bundled server over stdio on a copy of reading/unparseable-yaml: rejected files are said, not dropped. */
describe('language server on files the YAML parser rejects', () => {
  let dir: string;
  let client: LspTestClient;
  const uri = (rel: string) => client.uri(dir, rel);
  const byRule = (rel: string, rule: string): Diagnostic[] => client.diagnosticsFor(uri(rel)).filter((d) => d.code === rule);

  before(async () => ({ dir, client } = await serverOnCopy('server/testFixtures/reading/unparseable-yaml')));
  after(() => stopServerOnCopy(client, dir));

  it("publishes one parse-error (information) at the parser's first error, and the file's collisions", async () => {
    const [parse] = await client.waitFor('parse-error in backup-stack', () => (byRule('backup-stack/docker-compose.yml', 'parse-error').length ? byRule('backup-stack/docker-compose.yml', 'parse-error') : undefined));
    assert.equal(byRule('backup-stack/docker-compose.yml', 'parse-error').length, 1);
    assert.equal(parse.severity, 3);
    assert.deepEqual(parse.range.start, { line: 6, character: 73 });
    assert.match(parse.message, /missing closing 'quote.*without lines 5-8/);
    assert.deepEqual(byRule('backup-stack/docker-compose.yml', 'collision').map((d) => d.range.start.line + 1), [15, 20]);
  });

  it('no diagnostic in a Helm chart or an Ansible template', () => {
    for (const rel of ['charts/gateway/templates/deployment.yaml', 'charts/gateway/templates/service.yaml', 'ansible/roles/app/templates/docker-compose.yml']) {
      assert.deepEqual(client.diagnosticsFor(uri(rel)), [], rel);
    }
  });

  it('an edit that repairs the file clears the parse-error; the collisions stay', async () => {
    const doc = await client.open(dir, 'backup-stack/docker-compose.yml');
    await client.edit(doc.uri, { start: { line: 7, character: 0 }, end: { line: 7, character: 1 } }, "      '");
    await client.waitFor('parse-error to clear', () => (byRule('backup-stack/docker-compose.yml', 'parse-error').length === 0 ? true : undefined));
    assert.equal(byRule('backup-stack/docker-compose.yml', 'collision').length, 2);
  });

  it('portSchema.parseErrors.ignore silences the files it matches', async () => {
    const wiki = 'wiki-stack/docker-compose.yml';
    await client.waitFor('parse-error in wiki-stack', () => byRule(wiki, 'parse-error')[0]);
    client.settings = { parseErrors: { ignore: ['wiki-stack/**'] } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('the wiki-stack parse-error to go', () => (byRule(wiki, 'parse-error').length === 0 ? true : undefined));
    assert.equal(byRule(wiki, 'collision').length, 2, 'its ports still count');
    assert.equal(byRule('k8s/node-agents.yaml', 'parse-error').length, 1, 'other files keep theirs');
  });
});
