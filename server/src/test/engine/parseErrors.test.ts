import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Extractor } from '../../engine/extract/extractor';
import { defaultExtractors } from '../../engine/extract/extractors';
import type { Finding } from '../../engine/checks/finding';
import type { ILogger } from '../../engine/host';
import { WorkspaceEngine } from '../../engine/portEngine';
import { defaultSettings } from '../../engine/settings';
import { engineFor, InMemoryWorkspace, type Files } from '../helpers/inMemoryWorkspace';
import { REPO_ROOT } from '../helpers/lspClient';

/** `rule severity file:line:column`, 1-based: where a parse-error sits is the whole point of it. */
function at(f: Finding): string {
  return `${f.rule} ${f.severity} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

function parseErrors(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule === 'parse-error').map(at);
}

/** A reader of `*.conf` files that rejects every `@` it meets, as a parser would reject a bad token. */
const picky: Extractor = {
  id: 'picky',
  matches: (path) => path.endsWith('.conf') || path === 'ports.yaml',
  extract(file, sink) {
    const at = file.text.indexOf('@');
    if (at >= 0) sink.problem({ start: at, end: at + 1 }, 'unexpected @');
  },
};

describe('parse-error: what readers cannot read is said, where', () => {
  it('a reported problem is one info finding at its position, with the reader\'s message', async () => {
    const engine = await engineFor({ 'svc/app.conf': 'port = 4100\nhost = @\n' }, {}, [picky, ...defaultExtractors]);
    const [finding] = engine.findings().filter((f) => f.rule === 'parse-error');
    assert.equal(at(finding), 'parse-error info svc/app.conf:2:8');
    assert.equal(finding.message, 'unexpected @');
    assert.deepEqual([finding.port, finding.services, finding.fixes], [0, [], []]);
  });

  it('the rule takes a user severity or off like any other', async () => {
    const files = { 'svc/app.conf': '@\n' };
    assert.deepEqual(parseErrors((await engineFor(files, { rules: { 'parse-error': 'warning' } }, [picky])).findings()), ['parse-error warning svc/app.conf:1:1']);
    assert.deepEqual(parseErrors((await engineFor(files, { rules: { 'parse-error': 'off' } }, [picky])).findings()), []);
  });

  it('parseErrorsIgnore globs silence the files they match, and only those', async () => {
    const files = { 'vendor/x.conf': '@\n', 'svc/app.conf': '@\n', 'svc/deep/app.conf': '@\n' };
    const engine = await engineFor(files, { parseErrorsIgnore: ['vendor/**', 'svc/deep/*.conf'] }, [picky]);
    assert.deepEqual(parseErrors(engine.findings()), ['parse-error info svc/app.conf:1:1']);
    engine.configure({ ...engine.settings, parseErrorsIgnore: [] });
    assert.equal(parseErrors(engine.findings()).length, 3, 'a new setting applies on the next check');
  });

  it('plan files keep schema-parse: a reader\'s problem there is not a second finding', async () => {
    const engine = await engineFor({ 'ports.yaml': 'version: 1\nservices: { a: { port: @ } }\n' }, {}, [picky, ...defaultExtractors]);
    assert.deepEqual(parseErrors(engine.findings()), []);
    assert.ok(engine.findings().some((f) => f.rule === 'schema-parse'));
  });
});

/** A fixture folder as a `{ path: text }` literal, EXPECTED.md and README.md left out. */
function fixtureFiles(relative: string): Files {
  const root = path.join(REPO_ROOT, relative);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const absolute = path.join(dir, name);
      if (statSync(absolute).isDirectory()) walk(absolute);
      else if (!/^(EXPECTED|README)\.md$/.test(name)) files[path.relative(root, absolute).split(path.sep).join('/')] = readFileSync(absolute, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** `rule severity file:line:column port services`, 1-based, as the fixtures' EXPECTED.md write them. */
function line(f: Finding): string {
  return `${at(f)} ${f.rule === 'parse-error' ? '-' : `${f.port} ${f.services.join(',')}`}`;
}

function recordingLogger(): ILogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, message) => lines.push(`${level} ${message}`) };
}

describe('reading/unparseable-yaml in memory', () => {
  it('every rejected file gives one parse-error, and its colliding services are still found', async () => {
    const engine = await engineFor(fixtureFiles('server/testFixtures/reading/unparseable-yaml'));
    assert.deepEqual(engine.findings().map(line), [
      'parse-error info backup-stack/docker-compose.yml:7:74 -',
      'collision error backup-stack/docker-compose.yml:15:10 8088 web,adminer',
      'collision error backup-stack/docker-compose.yml:20:10 8088 adminer,web',
      'collision error blue-green/docker-compose.yml:10:8 8101 api-blue,api-green',
      'collision error blue-green/docker-compose.yml:22:10 8101 api-green,api-blue',
      'collision error dup-keys/docker-compose.yml:6:10 9090 prometheus,thanos-query',
      'collision error dup-keys/docker-compose.yml:13:10 9090 thanos-query,prometheus',
      'parse-error info k8s/node-agents.yaml:6:56 -',
      'collision warning k8s/node-agents.yaml:20:25 9100 node-exporter,ipmi-exporter',
      'collision warning k8s/node-agents.yaml:38:25 9100 ipmi-exporter,node-exporter',
      'collision error wiki-stack/docker-compose.yml:5:10 3010 wiki,search',
      'parse-error info wiki-stack/docker-compose.yml:11:67 -',
      'collision error wiki-stack/docker-compose.yml:18:9 3010 search,wiki',
    ]);
  });

  it('the map has every service of the rejected files, and none from the chart or the Ansible template', async () => {
    const engine = await engineFor(fixtureFiles('server/testFixtures/reading/unparseable-yaml'));
    const names = engine.map().services.map((s) => s.name).sort();
    assert.deepEqual(names, ['adminer', 'api-blue', 'api-green', 'db', 'ipmi-exporter', 'node-exporter', 'prometheus', 'search', 'status', 'thanos-query', 'web', 'wiki']);
  });
});

describe('Helm charts: templates are not read, and that is said once per chart', () => {
  const CHART = {
    'charts/gw/Chart.yaml': 'apiVersion: v2\nname: gw\nversion: 0.1.0\n',
    'charts/gw/values.yaml': 'service:\n  port: 8080\n',
    'charts/gw/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: gw\n          ports:\n            - containerPort: 8080\n              hostPort: 9100\n',
    // No template markup at all: still a chart's template, rendered with the chart.
    'charts/gw/templates/static.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static\nspec:\n  containers:\n    - name: s\n      ports:\n        - { containerPort: 80, hostPort: 9100 }\n',
  };
  const AGENT = { 'k8s/agent.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: a\n      ports:\n        - { containerPort: 9100, hostPort: 9100 }\n' };

  it('no finding from a chart\'s templates, with markup or without, whatever order the files come in', async () => {
    for (const files of [{ ...CHART, ...AGENT }, Object.fromEntries(Object.entries({ ...CHART, ...AGENT }).reverse())]) {
      const engine = await engineFor(files);
      assert.deepEqual(engine.findings().map(line), []);
      assert.deepEqual(engine.map().services.map((s) => s.name), ['agent']);
    }
  });

  it('without its Chart.yaml a static file under templates/ is plain YAML and is read', async () => {
    const engine = await engineFor(CHART);
    assert.deepEqual(engine.map().services.map((s) => s.name), []);
    engine.removeFile('charts/gw/Chart.yaml');
    assert.deepEqual(engine.map().services.map((s) => s.name), ['static']);
  });

  it('logs one info line per chart and per template folder, however many files and edits', async () => {
    const logger = recordingLogger();
    const files = { ...CHART, 'roles/app/templates/compose.yml': 'services:\n  app:\n    ports: ["{{ app_port }}:80"]\n', 'roles/app/templates/docker-compose.yml': 'services: {}\n{% if x %}\n{% endif %}\n' };
    const engine = new WorkspaceEngine({ workspace: new InMemoryWorkspace(files), logger, settings: defaultSettings });
    await engine.indexAll();
    engine.updateFile('charts/gw/templates/deployment.yaml', 2, `${CHART['charts/gw/templates/deployment.yaml']}# edited\n`);
    engine.updateFile('roles/app/templates/compose.yml', 2, 'services:\n  app:\n    ports: ["{{ app_port }}:81"]\n');
    assert.deepEqual(logger.lines, [
      'info charts/gw: Helm chart templates are not YAML until rendered, so charts/gw/templates/ is not read',
      'info roles/app: Jinja templates are not YAML until rendered, so roles/app/templates/compose.yml and any other there are not read',
    ]);
    assert.deepEqual(engine.findings().map(line), []);
  });
});
