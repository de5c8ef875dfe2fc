import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Finding } from '../../engine/checks/finding';
import type { WorkspaceEngine } from '../../engine/portEngine';
import { joinLines } from '../helpers/extract';
import { engineFor, type Files } from '../helpers/inMemoryWorkspace';

/**
 * Findings after each edit of a random sequence, as the editor makes them (one engine, updated
 * file by file), against a freshly built engine over the same files: deep equal, same order. The
 * engine reuses the verdicts an edit does not touch, and patches the topology for an edit of an
 * ordinary file; this is what keeps that reuse honest (the map, hovers and sites are compared too).
 */

const PORTS = [4000, 4001, 4002, 4003, 4010, 4011, 4020, 5432, 8000, 8080, 9000];
const SERVICES = ['auth', 'search', 'billing', 'web'];

function plan(ports: Readonly<Record<string, number>>): string {
  return joinLines(
    'version: 1',
    'ranges:',
    '  - { name: Core, ports: 4000-4019 }',
    '  - { name: Edge, ports: 8000-8099 }',
    'services:',
    ...Object.entries(ports).flatMap(([name, port]) => [`  ${name}:`, `    port: ${port}`]),
    '',
  );
}

function server(port: number): string {
  return joinLines("const http = require('node:http');", `const port = Number(process.env.PORT ?? ${port});`, 'http.createServer(() => {}).listen(port);', '');
}

function client(service: string, port: number, host = 'localhost'): string {
  const key = `${service.toUpperCase()}_URL`;
  return `const ${key.toLowerCase()} = process.env.${key} ?? 'http://${host}:${port}/api';\n`;
}

function compose(published: number, container: number): string {
  return joinLines(
    'services:',
    '  web:',
    '    build: ./services/web',
    '    ports:',
    `      - "${published}:${container}"`,
    '    environment:',
    `      AUTH_URL: http://auth:4000`,
    '  auth:',
    '    build: ./services/auth',
    '',
  );
}

const SEED: Files = {
  'ports.yaml': plan({ auth: 4000, search: 4001, billing: 4002, web: 8080 }),
  'docker-compose.yml': compose(8080, 8080),
  '.env': 'WEB_PORT=8080\nSEARCH_URL=http://localhost:4001\n',
  'services/auth/package.json': '{ "name": "auth", "scripts": { "start": "node src/server.js" } }\n',
  'services/auth/src/server.js': server(4000),
  'services/search/package.json': '{ "name": "search", "scripts": { "start": "node src/server.js" } }\n',
  'services/search/src/server.js': server(4001),
  'services/search/src/clients.js': client('auth', 4000) + client('billing', 4003),
  'services/billing/package.json': '{ "name": "billing", "scripts": { "start": "node src/server.js" } }\n',
  'services/billing/src/server.js': server(4000),
  'services/web/package.json': '{ "name": "web", "scripts": { "dev": "node src/server.js" } }\n',
  'services/web/src/server.js': server(8080),
  'services/web/src/api.js': client('search', 4001) + client('auth', 4010, 'auth'),
  'tools/mock/server.js': server(4002),
  // A range literal: one occurrence, a site on each of its ports.
  'scripts/mock.sh': publishRange(4010),
};

function publishRange(first: number): string {
  return `#!/bin/sh\ndocker run -p ${first}-${first + 2}:${first}-${first + 2} mock\n`;
}

/** The `n`th pick of a sequence, the same for the same seed: a failing sequence can be replayed from its seed. */
function picker(seed: number): <T>(list: readonly T[]) => T {
  let n = 0;
  return (list) => list[createHash('sha256').update(`${seed}:${n++}`).digest().readUInt32LE(0) % list.length];
}

type Step = { readonly name: string; readonly path: string; readonly text: string | undefined };

/** One random edit of `files`: what an editor or the disk would hand the engine next. */
function nextStep(files: Readonly<Record<string, string>>, pick: <T>(list: readonly T[]) => T, n: number): Step {
  const sources = Object.keys(files).filter((p) => p.endsWith('.js'));
  // Every source deleted: the kinds that edit one cannot be picked.
  const kind = sources.length ? pick(['port', 'port', 'port', 'add-bind', 'remove-bind', 'add-reference', 'add-file', 'delete-file', 'compose', 'plan', 'env', 'package-name', 'dockerfile', 'start-script', 'range']) : 'add-file';
  switch (kind) {
    case 'port': {
      const path = pick(sources);
      const text = files[path].replace(/\b\d{4}\b/, String(pick(PORTS)));
      return { name: `${kind} ${path}`, path, text };
    }
    case 'add-bind': {
      const path = pick(sources);
      return { name: `${kind} ${path}`, path, text: `${files[path]}require('node:http').createServer(() => {}).listen(${pick(PORTS)});\n` };
    }
    case 'remove-bind': {
      const path = pick(sources);
      return { name: `${kind} ${path}`, path, text: files[path].split('\n').filter((l) => !/listen\(|PORT \?\?/.test(l)).join('\n') };
    }
    case 'add-reference': {
      const path = pick(sources);
      return { name: `${kind} ${path}`, path, text: files[path] + client(pick(SERVICES), pick(PORTS), pick(['localhost', 'auth', 'search'])) };
    }
    case 'add-file': {
      const path = `services/${pick(SERVICES)}/src/extra${n}.js`;
      return { name: `${kind} ${path}`, path, text: pick([server(pick(PORTS)), client(pick(SERVICES), pick(PORTS))]) };
    }
    case 'delete-file': {
      const path = pick(sources);
      return { name: `${kind} ${path}`, path, text: undefined };
    }
    case 'compose':
      return { name: kind, path: 'docker-compose.yml', text: compose(pick(PORTS), pick(PORTS)) };
    // What ownership reads of the tree's shape: a package's name, a Dockerfile beside the code, a script that starts it.
    case 'package-name': {
      const service = pick(SERVICES);
      const path = `services/${service}/package.json`;
      return { name: `${kind} ${path}`, path, text: `{ "name": "${pick([service, `${service}-api`, 'gateway'])}", "scripts": { "start": "node src/server.js" } }\n` };
    }
    case 'dockerfile': {
      const path = `services/${pick(SERVICES)}/Dockerfile`;
      return { name: `${kind} ${path}`, path, text: files[path] === undefined ? `FROM node:20\nEXPOSE ${pick(PORTS)}\nCMD ["node", "src/server.js"]\n` : undefined };
    }
    case 'start-script': {
      const path = 'scripts/dev.sh';
      // web and auth run in Compose: started here as well, their source defaults also listen on their own.
      return { name: kind, path, text: files[path] === undefined ? `#!/bin/sh\nPORT=${pick(PORTS)} node services/${pick(['web', 'auth'])}/src/server.js &\n` : undefined };
    }
    case 'range':
      return { name: kind, path: 'scripts/mock.sh', text: publishRange(pick(PORTS)) };
    case 'plan':
      return { name: kind, path: 'ports.yaml', text: plan(Object.fromEntries(SERVICES.map((s) => [s, pick(PORTS)]))) };
    default:
      return { name: kind, path: '.env', text: `WEB_PORT=${pick(PORTS)}\nSEARCH_URL=http://localhost:${pick(PORTS)}\n` };
  }
}

function apply(engine: WorkspaceEngine, files: Record<string, string>, step: Step, version: number): void {
  if (step.text === undefined) {
    delete files[step.path];
    engine.removeFile(step.path);
  } else {
    files[step.path] = step.text;
    engine.updateFile(step.path, version, step.text);
  }
}

const link = (path: string, line: number) => `${path}#${line}`;

/** What the topology answers beyond findings (an edit may patch it): the map, and the hover and sites of every occurrence. */
function assertSameTopologyAnswers(engine: WorkspaceEngine, fresh: WorkspaceEngine, message: string): void {
  assert.equal(JSON.stringify(engine.map()), JSON.stringify(fresh.map()), `map after ${message}`);
  for (const [path, occurrences] of fresh.topology().occurrencesByFile) {
    for (const occ of occurrences) {
      const at = occ.range.start;
      assert.deepEqual(engine.hover(path, at, link), fresh.hover(path, at, link), `hover at ${path}:${at.line}:${at.character} after ${message}`);
      assert.deepEqual(engine.sites(path, at), fresh.sites(path, at), `sites at ${path}:${at.line}:${at.character} after ${message}`);
    }
  }
}

describe('incremental checks', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`match a fresh engine after every edit of random sequence ${seed}`, async () => {
      const pick = picker(seed);
      const files: Record<string, string> = { ...SEED };
      const engine = await engineFor(files);
      let previous = new Set<Finding>(engine.findings());
      let kept = 0;
      for (let n = 0; n < 60; n++) {
        const step = nextStep(files, pick, n);
        apply(engine, files, step, 100 + n);
        const incremental = engine.findings();
        const freshEngine = await engineFor(files);
        const fresh = freshEngine.findings();
        assert.deepEqual(incremental, fresh, `step ${n} (${step.name}) of sequence ${seed}`);
        assertSameTopologyAnswers(engine, freshEngine, `step ${n} (${step.name}) of sequence ${seed}`);
        for (const path of new Set(fresh.map((f) => f.file))) assert.deepEqual(engine.findingsIn(path), fresh.filter((f) => f.file === path), `findings of ${path} after step ${n}`);
        kept += incremental.filter((f) => previous.has(f)).length;
        previous = new Set(incremental);
      }
      // The sequences move ports in ordinary files most of the time: some findings must have been carried over, not rebuilt.
      assert.ok(kept > 0, 'no finding was reused from one state to the next');
    });
  }
});

/**
 * A new text that says what the indexed one said (an editor opening a file as the disk has it, a
 * keystroke in a comment) changes nothing: the findings are the very same objects, nothing is
 * checked again. Any difference in its facts or its suppression comments is an edit.
 */
describe('an edit that says what the file said', () => {
  const SERVER = 'services/billing/src/server.js';
  const portLine = (text: string) => text.split('\n').findIndex((l) => l.includes('PORT ??'));

  it('keeps the findings for the same text under a new version, and for a comment after the port', async () => {
    const engine = await engineFor(SEED);
    const findings = engine.findings();
    assert.ok(findings.some((f) => f.file === SERVER && f.rule === 'drift'), 'billing binds 4000, not its planned 4002, to begin with');
    assert.equal(engine.updateFile(SERVER, 1001, SEED[SERVER]), false, 'opened as on disk');
    const lines = SEED[SERVER].split('\n');
    lines[portLine(SEED[SERVER])] += ' // the billing API';
    assert.equal(engine.updateFile(SERVER, 1002, lines.join('\n')), false, 'a comment after the port');
    assert.equal(engine.findings(), findings);
  });

  it('checks again when positions, ports or suppression comments change', async () => {
    const engine = await engineFor(SEED);
    const before = engine.findings();
    assert.equal(engine.updateFile(SERVER, 1001, `// billing\n${SEED[SERVER]}`), true, 'a line above the port moves it');
    const moved = engine.findings().find((f) => f.file === SERVER && f.rule === 'drift');
    assert.equal(moved?.range.start.line, before.find((f) => f.file === SERVER && f.rule === 'drift')!.range.start.line + 1);
    const lines = SEED[SERVER].split('\n');
    lines[portLine(SEED[SERVER])] += ' // port-schema-disable-line drift';
    assert.equal(engine.updateFile(SERVER, 1002, lines.join('\n')), true, 'a suppression comment');
    assert.ok(!engine.findings().some((f) => f.file === SERVER && f.rule === 'drift'), 'the drift is suppressed');
    assert.equal(engine.updateFile(SERVER, 1003, SEED[SERVER].replace('4000', '4002')), true, 'another port');
  });

  it('always reads a plan file again: its text says more than its facts', async () => {
    const engine = await engineFor(SEED);
    assert.equal(engine.updateFile('ports.yaml', 1001, SEED['ports.yaml']), true);
  });
});
