import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from '../../engine/text';
import { scanSuppressions } from '../../engine/syntax/suppressions';
import { joinLines } from '../helpers/extract';
import { applyWorkspaceEdits, engineFor, summaries, type Files } from '../helpers/inMemoryWorkspace';

/** Suppressions: comments in every comment syntax of the families read, and the config's ignore list. */

const PLAN = joinLines('version: 1', 'ranges:', '  - { name: Core, ports: 4100-4119 }', 'services:', '  auth: { port: 4101 }', '  search: { port: 4102 }', '');

/** auth and search both default to 4105 on their own: a collision at each site, and a drift at each. */
function workspace(authSource: string, searchSource: string): Files {
  return {
    'ports.yaml': PLAN,
    'services/auth/package.json': '{ "name": "auth", "scripts": { "start": "node src/server.ts" } }\n',
    'services/auth/src/server.ts': authSource,
    'services/search/app/main.py': searchSource,
  };
}

const AUTH = joinLines('import http from "node:http";', 'const port = Number(process.env.PORT ?? 4105);', 'http.createServer().listen(port);', '');
const SEARCH = joinLines('import os', 'import uvicorn', 'uvicorn.run(app, port=int(os.getenv("PORT", "4105")))', '');

describe('suppression comments', () => {
  it('disable-next-line silences the named rules on the next line only; the other site still reports', async () => {
    const auth = AUTH.replace('const port', '// port-schema-disable-next-line collision, drift -- auth moves in the next release\nconst port');
    const engine = await engineFor(workspace(auth, SEARCH));
    assert.deepEqual(summaries(engine.findings(), 'collision', 'drift'), ['collision warning services/search/app/main.py:3 4105 search,auth', 'drift warning services/search/app/main.py:3 4105 search']);
  });

  it('disable-line in Python, a block comment, and no rule named (every rule)', async () => {
    const search = SEARCH.replace('"4105")))', '"4105")))  # port-schema-disable-line');
    const auth = AUTH.replace('const port', '/* port-schema-disable-next-line drift */ const x = 1;\nconst port');
    const engine = await engineFor(workspace(auth, search));
    assert.deepEqual(summaries(engine.findings(), 'collision', 'drift'), ['collision warning services/auth/src/server.ts:3 4105 auth,search']);
  });

  it('comment syntax per family: what is a comment in one file is text in another', () => {
    const lines = (path: string, text: string) => scanSuppressions(path, text).directives.map((d) => `${d.kind}@${d.line + 1}:${d.rules.map((r) => r.id).join(',')}`);
    assert.deepEqual(lines('docker-compose.yml', '  # port-schema-disable-next-line collision\n  - "80:80"\n'), ['next-line@2:collision']);
    assert.deepEqual(lines('Dockerfile', '# port-schema-disable-next-line well-known\nEXPOSE 80\n'), ['next-line@2:well-known']);
    assert.deepEqual(lines('.env', 'PORT=1 # port-schema-disable-line drift\n'), ['line@1:drift']);
    assert.deepEqual(lines('main.go', 'x := 1 // port-schema-disable-line drift\n'), ['line@1:drift']);
    assert.deepEqual(lines('README.md', '<!-- port-schema-disable-next-line stale-reference -->\nhttp://x:1\n'), ['next-line@2:stale-reference']);
    assert.deepEqual(lines('app.ini', '; port-schema-disable-next-line drift\nport = 1\n'), ['next-line@2:drift']);
    assert.deepEqual(lines('docs/a.md', '/* port-schema-disable-line drift */\n'), [], 'no /* */ comments in Markdown');
    assert.deepEqual(lines('README.md', 'Write `port-schema-disable-line drift` to silence a line.\n'), [], 'prose that mentions a directive');
    assert.deepEqual(lines('package.json', '{ "//": "# port-schema-disable-line drift" }\n'), [], 'no comments in package.json');
    assert.deepEqual(lines('x.ts', '/*\n port-schema-disable-next-line drift\n*/\nconst a = 1;\n'), [], 'a directive must start its comment');
    assert.deepEqual(lines('x.ts', '/* port-schema-disable-next-line drift\n   (moving soon) */\nconst a = 1;\n'), ['next-line@3:drift'], 'after a multi-line block: the line after it ends');
  });

  it('a rule that does not exist, or a directive that is none, is a config finding where it is written', async () => {
    const auth = AUTH.replace('const port', '// port-schema-disable-next-line colision\nconst port');
    const search = SEARCH.replace('import os', '# port-schema-disable collision\nimport os');
    const engine = await engineFor(workspace(auth, search));
    const problems = engine.findings().filter((f) => f.rule === 'config');
    assert.deepEqual(problems.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`), ['services/auth/src/server.ts:2:34', 'services/search/app/main.py:1:3']);
    assert.match(problems[0].message, /'colision' is not a Port Schema rule \(did you mean 'collision'\?\)/);
    assert.match(problems[1].message, /port-schema-disable is not a directive: write port-schema-disable-next-line <rule>/);
    assert.equal(summaries(engine.findings(), 'collision').length, 2, 'a misspelt suppression silences nothing');
  });

  it('unused suppressions are reported only when asked, each rule of a list on its own', async () => {
    const auth = AUTH.replace('const port', '// port-schema-disable-next-line collision, reserved\nconst port').replace('http.createServer', '// port-schema-disable-next-line\nhttp.createServer');
    const files = workspace(auth, SEARCH);
    assert.deepEqual(summaries((await engineFor(files)).findings(), 'unused-disable'), []);
    const engine = await engineFor(files, { reportUnusedDisables: true });
    const unused = engine.findings().filter((f) => f.rule === 'unused-disable');
    assert.deepEqual(unused.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`), ['2:45', '4:4']);
    assert.match(unused[0].message, /port-schema-disable-next-line reserved silences nothing: no reserved finding on line 3\. Remove 'reserved' from the comment/);
    assert.match(unused[1].message, /silences nothing on line 5/);
  });
});

describe('the ignore list of the committed config', () => {
  const PACKAGES: Files = {
    'ports.yaml': PLAN,
    'apps/a/package.json': '{ "name": "a", "scripts": { "dev": "vite --port 5173" } }\n',
    'apps/b/package.json': '{ "name": "b", "scripts": { "dev": "vite --port 5173" } }\n',
  };

  it('silences a rule in the files it matches, on the port it names', async () => {
    const before = await engineFor(PACKAGES);
    assert.equal(summaries(before.findings(), 'collision').length, 2);
    const ignore = (port: number) => PLAN + `ignore:\n  - { files: "apps/a/package.json", rule: collision, port: ${port}, reason: "a runs on CI only" }\n`;
    const after = await engineFor({ ...PACKAGES, 'ports.yaml': ignore(5173) });
    assert.deepEqual(summaries(after.findings(), 'collision'), ['collision warning apps/b/package.json:1 5173 b,a']);
    const otherPort = await engineFor({ ...PACKAGES, 'ports.yaml': ignore(5174) }, { reportUnusedDisables: true });
    assert.equal(summaries(otherPort.findings(), 'collision').length, 2);
    const [unused] = otherPort.findings().filter((f) => f.rule === 'unused-disable');
    assert.equal(unused.file, 'ports.yaml');
    assert.match(unused.message, /the ignore entry for collision on port 5174 in apps\/a\/package\.json silences nothing/);
  });
});

describe('"Ignore this <rule> here"', () => {
  const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });
  /** The position of the port digits `port` on 0-based `line` of `text`. */
  const on = (text: string, line: number, port = '4105'): Range => at(line, text.split('\n')[line].indexOf(port));

  async function fixAndRecheck(files: Files, path: string, range: Range, title: string) {
    const engine = await engineFor(files);
    const action = engine.suppressionFixes(path, files[path], range).find((a) => a.title === title);
    assert.ok(action, `no "${title}" among ${engine.suppressionFixes(path, files[path], range).map((a) => a.title).join(', ')}`);
    const fixed = applyWorkspaceEdits(files, action.edits);
    return { fixed, engine: await engineFor(fixed, { reportUnusedDisables: true }) };
  }

  it('writes the comment above the line at its indentation, in the file\'s syntax, and the finding goes', async () => {
    const files = workspace(AUTH.replace('const port', '  const port'), SEARCH);
    const { fixed, engine } = await fixAndRecheck(files, 'services/auth/src/server.ts', on(files['services/auth/src/server.ts'], 1), 'Ignore this collision here');
    assert.equal(fixed['services/auth/src/server.ts'].split('\n')[1], '  // port-schema-disable-next-line collision');
    assert.deepEqual(summaries(engine.findings(), 'collision', 'unused-disable'), ['collision warning services/search/app/main.py:3 4105 search,auth']);
  });

  it('adds a second rule to the directive already there rather than stacking another', async () => {
    const files = workspace(AUTH.replace('const port', '// port-schema-disable-next-line collision\nconst port'), SEARCH);
    const { fixed, engine } = await fixAndRecheck(files, 'services/auth/src/server.ts', on(files['services/auth/src/server.ts'], 2), 'Ignore this drift here');
    assert.equal(fixed['services/auth/src/server.ts'].split('\n')[1], '// port-schema-disable-next-line collision, drift');
    assert.deepEqual(summaries(engine.findings(), 'drift', 'unused-disable'), ['drift warning services/search/app/main.py:3 4105 search']);
  });

  it('YAML: a # line with the item\'s indentation; inside a block scalar no comment can stand', async () => {
    const compose = joinLines('services:', '  shop:', '    image: shop:1', '    ports:', '      - "8080:80"', '  blog:', '    image: blog:1', '    ports: ["8080:81"]', '');
    const { fixed, engine } = await fixAndRecheck({ 'docker-compose.yml': compose }, 'docker-compose.yml', at(4, 10), 'Ignore this collision here');
    assert.equal(fixed['docker-compose.yml'].split('\n')[4], '      # port-schema-disable-next-line collision');
    assert.deepEqual(summaries(engine.findings(), 'collision'), ['collision error docker-compose.yml:9 8080 blog,shop']);
    const script = joinLines('services:', '  shop:', '    image: shop:1', '    ports: ["8080:80"]', '  blog:', '    build: .', '    command: |', '      node server.js --port 8080', '    network_mode: host', '');
    const scripted = await engineFor({ 'docker-compose.yml': script });
    const inScalar = scripted.findingsIn('docker-compose.yml').find((f) => f.range.start.line === 7);
    assert.ok(inScalar, 'the bind inside the command is a finding');
    assert.deepEqual(scripted.suppressionFixes('docker-compose.yml', script, inScalar.range), []);
  });

  it('a shell line continued with \\ gets the comment at its end; a Markdown table row too', async () => {
    const sh = joinLines('#!/bin/sh', 'exec node server.js \\', '  --port 4105', '');
    const files = { ...workspace(AUTH, SEARCH), 'services/auth/start.sh': sh };
    const engine = await engineFor(files);
    const site = engine.findingsIn('services/auth/start.sh').find((f) => f.rule === 'collision');
    assert.ok(site);
    const [action] = engine.suppressionFixes('services/auth/start.sh', sh, site.range);
    assert.equal(applyWorkspaceEdits(files, action.edits)['services/auth/start.sh'].split('\n')[2], '  --port 4105 # port-schema-disable-line collision');
    const markdownPlan = joinLines('## 4100-4119: Core', '', '| Port | Service |', '|------|---------|', '| 4101 | auth |', '| 4101 | search |', '');
    const md = await fixAndRecheck({ 'PORT_SCHEMA.md': markdownPlan }, 'PORT_SCHEMA.md', at(5, 3), 'Ignore this schema-duplicate here');
    assert.equal(md.fixed['PORT_SCHEMA.md'].split('\n')[5], '| 4101 | search | <!-- port-schema-disable-line schema-duplicate -->');
    assert.deepEqual(summaries(md.engine.findings(), 'schema-duplicate'), ['schema-duplicate error PORT_SCHEMA.md:5 4101 auth,search']);
  });

  it('package.json cannot hold a comment: the entry goes to the ignore list of ports.yaml, or of the jsonc config', async () => {
    const packages: Files = {
      'ports.yaml': PLAN + '# the end\n',
      'apps/a/package.json': '{ "name": "a", "scripts": { "dev": "vite --port 5173" } }\n',
      'apps/b/package.json': '{ "name": "b", "scripts": { "dev": "vite --port 5173" } }\n',
    };
    const yaml = await fixAndRecheck(packages, 'apps/a/package.json', at(0, 51), 'Ignore this collision in package.json (in ports.yaml)');
    assert.equal(yaml.fixed['ports.yaml'], `${PLAN}# the end\nignore:\n  - { files: apps/a/package.json, rule: collision, port: 5173 }\n`);
    assert.deepEqual(summaries(yaml.engine.findings(), 'collision', 'unused-disable'), ['collision warning apps/b/package.json:1 5173 b,a']);
    const again = await fixAndRecheck(yaml.fixed, 'apps/b/package.json', at(0, 51), 'Ignore this collision in package.json (in ports.yaml)');
    assert.match(again.fixed['ports.yaml'], /ignore:\n {2}- \{ files: apps\/a\/package\.json, rule: collision, port: 5173 \}\n {2}- \{ files: apps\/b\/package\.json, rule: collision, port: 5173 \}\n$/);
    const markdown = { 'apps/PORTS.md': joinLines('## 5100-5199: Apps', '', '| Port | Service |', '|---|---|', '| 5101 | a |', ''), 'apps/port-schema.config.jsonc': '{\n  "rules": {}\n}\n', 'apps/a/package.json': packages['apps/a/package.json'], 'apps/b/package.json': packages['apps/b/package.json'] };
    const jsonc = await fixAndRecheck(markdown, 'apps/a/package.json', at(0, 51), 'Ignore this collision in package.json (in apps/port-schema.config.jsonc)');
    assert.deepEqual(JSON.parse(jsonc.fixed['apps/port-schema.config.jsonc']).ignore, [{ files: 'a/package.json', rule: 'collision', port: 5173 }]);
    assert.deepEqual(summaries(jsonc.engine.findings(), 'collision', 'unused-disable'), ['collision warning apps/b/package.json:1 5173 b,a']);
  });
});
