import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinLines } from '../helpers/extract';
import { engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';

/** The committed config: ports.yaml's sections or port-schema.config.jsonc, under the user's settings. */

const CODE: Files = {
  'services/auth/package.json': '{ "name": "auth", "scripts": { "start": "node src/server.js" } }\n',
  'services/auth/src/server.js': 'const port = Number(process.env.PORT ?? 4105);\nrequire("node:http").createServer().listen(port);\n',
  'services/search/app/main.py': 'import os\nimport uvicorn\nuvicorn.run(app, port=int(os.getenv("PORT", "4105")))\n',
};

function plan(...extra: string[]): string {
  return joinLines('version: 1', 'ranges:', '  - { name: Core, ports: 4100-4119 }', 'services:', '  auth: { port: 4101 }', '  search: { port: 4102 }', ...extra, '');
}

describe('the committed config in ports.yaml', () => {
  it('rules: severities beside the plan rules; settings go over them', async () => {
    const off = await engineFor({ 'ports.yaml': plan('rules:', '  avoid: [4101]', '  drift: off', '  collision: error'), ...CODE });
    assert.deepEqual(summaries(off.findings(), 'drift'), []);
    assert.deepEqual(summaries(off.findings(), 'collision'), ['collision error services/auth/src/server.js:1 4105 auth,search', 'collision error services/search/app/main.py:3 4105 search,auth']);
    assert.deepEqual(summaries(off.findings(), 'well-known'), ['well-known warning ports.yaml:5 4101 auth'], 'the plan rule avoid still applies');
    const over = await engineFor({ 'ports.yaml': plan('rules:', '  drift: off'), ...CODE }, { rules: { drift: 'error' } });
    assert.deepEqual(summaries(over.findings(), 'drift'), ['drift error services/auth/src/server.js:1 4105 auth', 'drift error services/search/app/main.py:3 4105 search']);
  });

  it('exclude and include are handed to the walk, relative to the config folder', async () => {
    const engine = await engineFor({ 'deploy/ports.yaml': plan('exclude: [legacy/**, "../vendor/**"]', 'include: ["generated/*.env"]'), ...CODE });
    assert.deepEqual(engine.committedConfig(), { file: 'deploy/ports.yaml', include: ['deploy/generated/*.env'], exclude: ['deploy/legacy/**', 'vendor/**'] });
  });

  it('a config mistake is a positioned config finding with the fix, and the plan still loads', async () => {
    const text = plan('rules:', '  colision: off', '  drift: loud', 'exclude: ["legacy/{old", "/etc/x", "../../up"]', 'ignore:', '  - { files: package.json }', 'contexs: {}');
    const engine = await engineFor({ 'ports.yaml': text, ...CODE });
    const config = engine.findings().filter((f) => f.rule === 'config');
    const at = (f: (typeof config)[number]) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;
    assert.deepEqual(config.map(at), ['8:3', '9:10', '10:11', '10:26', '10:36', '12:5', '13:1']);
    assert.match(config[0].message, /ports\.yaml sets a severity for 'colision', which is not a Port Schema rule \(did you mean 'collision'\?\)/);
    assert.match(config[1].message, /sets rule drift to loud; write one of error, warning, info, hint, off/);
    assert.match(config[2].message, /'legacy\/\{old', which has a '\{' that is never closed/);
    assert.match(config[3].message, /is an absolute path/);
    assert.match(config[4].message, /points outside the workspace/);
    assert.match(config[5].message, /an ignore entry without `rule`/);
    assert.match(config[6].message, /unknown key 'contexs' \(did you mean 'contexts'\?\)/);
    assert.equal(summaries(engine.findings(), 'drift').length, 2, 'a bad value leaves the rule as it was');
  });

  it('a native plan that does not parse reports schema-parse only; the config adds nothing of its own', async () => {
    const engine = await engineFor({ 'ports.yaml': 'version: 1\nrules: { drift: off\n', ...CODE });
    assert.deepEqual(summaries(engine.findings(), 'config'), []);
    assert.ok(engine.findings().some((f) => f.rule === 'schema-parse'));
  });
});

describe('port-schema.config.jsonc beside a Markdown plan', () => {
  const MARKDOWN_PLAN = joinLines('# Ports', '', '## 4100-4119: Core', '', '| Port | Service |', '|------|---------|', '| 4101 | auth |', '| 4102 | search |', '');

  it('is read beside the plan, with comments and trailing commas, before one at the root', async () => {
    const engine = await engineFor({
      'docs/PORT_SCHEMA.md': MARKDOWN_PLAN,
      'docs/port-schema.config.jsonc': '{\n  // the team agreed\n  "rules": { "drift": "off", },\n}\n',
      'port-schema.config.jsonc': '{ "rules": { "collision": "off" } }\n',
      ...CODE,
    });
    assert.equal(engine.committedConfig().file, 'docs/port-schema.config.jsonc');
    assert.deepEqual(summaries(engine.findings(), 'drift'), []);
    assert.equal(summaries(engine.findings(), 'collision').length, 2);
  });

  it('a jsonc that does not parse is a config error at the error, and nothing of it applies', async () => {
    const engine = await engineFor({ 'docs/PORT_SCHEMA.md': MARKDOWN_PLAN, 'docs/port-schema.config.jsonc': '{ "rules": { "drift": "off" }\n', ...CODE });
    const [problem] = engine.findings().filter((f) => f.rule === 'config');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.file, 'docs/port-schema.config.jsonc');
    assert.match(problem.message, /is not valid JSON: a closing \} is missing; nothing in it applies until it parses/);
    assert.equal(summaries(engine.findings(), 'drift').length, 2);
  });

  it('next to a native plan it is not read, and says so', async () => {
    const engine = await engineFor({ 'ports.yaml': plan(), 'port-schema.config.jsonc': '{ "rules": { "drift": "off" } }\n', ...CODE });
    assert.equal(summaries(engine.findings(), 'drift').length, 2);
    const [notice] = engine.findings().filter((f) => f.rule === 'config');
    assert.equal(notice.file, 'port-schema.config.jsonc');
    assert.match(notice.message, /is not read: the plan ports\.yaml holds the config/);
  });

  it('a severity for contiguous turns the check on where the plan does not ask for it', async () => {
    const spread = { 'ports.yaml': joinLines('version: 1', 'services:', '  browser: { ports: { cdp: 5556, health: 5559 } }', 'rules:', '  contiguous: warning', '') };
    assert.deepEqual(summaries((await engineFor(spread)).findings(), 'contiguous'), ['contiguous warning ports.yaml:3 5559 browser']);
    const asked = { 'ports.yaml': spread['ports.yaml'].replace('contiguous: warning', 'contiguous: off') };
    assert.deepEqual(summaries((await engineFor(asked)).findings(), 'contiguous'), []);
  });
});

describe('contexts in the committed config', () => {
  const TWO_STACKS: Files = {
    'stack-a/docker-compose.yml': joinLines('services:', '  shop:', '    image: shop:1', '    ports: ["8080:80"]', ''),
    'stack-b/docker-compose.yml': joinLines('services:', '  blog:', '    image: blog:1', '    ports: ["8080:80"]', ''),
  };

  it('two Compose projects on one port are a hint; on two declared hosts nothing; on one host an error', async () => {
    const inferred = await engineFor(TWO_STACKS);
    assert.deepEqual(summaries(inferred.findings(), 'collision').map((s) => s.split(' ')[1]), ['hint', 'hint']);
    const config = (a: string, b: string) => `{ "contexts": { "a": { "compose": "stack-a/docker-compose.yml", "host": "${a}" }, "b": { "compose": ["stack-b/docker-compose.yml"], "host": "${b}" } } }\n`;
    const apart = await engineFor({ ...TWO_STACKS, 'port-schema.config.jsonc': config('shop-box', 'blog-box') });
    assert.deepEqual(summaries(apart.findings(), 'collision'), []);
    const together = await engineFor({ ...TWO_STACKS, 'port-schema.config.jsonc': config('shared', 'shared') });
    const errors = together.findings().filter((f) => f.rule === 'collision');
    assert.deepEqual(errors.map((f) => f.severity), ['error', 'error']);
    assert.match(errors[0].message, /on host shared/);
  });

  it('governed: false keeps a stack out of the plan checks; collisions inside it stay', async () => {
    const files: Files = {
      'ports.yaml': plan(),
      'docker-compose.yml': joinLines('services:', '  auth:', '    build: services/auth', '    ports: ["14101:4101"]', '  search:', '    image: search:1', '    ports: ["14101:4102"]', ''),
      'services/auth/package.json': '{ "name": "auth" }\n',
    };
    const governed = await engineFor(files);
    assert.ok(summaries(governed.findings(), 'drift').length > 0);
    const apart = await engineFor({ ...files, 'port-schema.config.jsonc': '{}', 'ports.yaml': plan('contexts:', '  local: { compose: docker-compose.yml, governed: false }') });
    assert.deepEqual(summaries(apart.findings(), 'drift'), []);
    assert.equal(summaries(apart.findings(), 'collision').length, 2);
  });

  it('a context naming a file the workspace lacks, or no files at all, is a config warning', async () => {
    const engine = await engineFor({ ...TWO_STACKS, 'port-schema.config.jsonc': '{ "contexts": { "prod": { "compose": ["stack-a/docker-compose.prod.yml"] }, "empty": { "host": "x" } } }' });
    const messages = engine.findings().filter((f) => f.rule === 'config').map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.ok(messages.some((m) => /declares context empty without Compose files/.test(m)));
    assert.ok(messages.some((m) => /puts stack-a\/docker-compose\.prod\.yml in context prod, but the workspace has no such file/.test(m)));
  });
});
