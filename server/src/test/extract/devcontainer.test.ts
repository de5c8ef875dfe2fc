import assert from 'node:assert/strict';
import { test } from 'node:test';
import { devcontainerExtractor } from '../../engine/extract/devcontainer';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(text: string, path = '.devcontainer/devcontainer.json'): string[] {
  return extractWith(devcontainerExtractor, path, text).map((o) => brief(text, o));
}

test('devcontainerExtractor.matches: devcontainer.json in its folders and .devcontainer.json', () => {
  for (const p of ['.devcontainer/devcontainer.json', '.devcontainer/backend/devcontainer.json', '.devcontainer.json', 'svc/.devcontainer.json']) {
    assert.equal(devcontainerExtractor.matches(p), true, p);
  }
  for (const p of ['.devcontainer/docker-compose.yml', 'devcontainer-feature.json', 'package.json', '.devcontainer/devcontainer.json.bak']) {
    assert.equal(devcontainerExtractor.matches(p), false, p);
  }
});

test('forwardPorts, appPort and portsAttributes keys are references, labelled from portsAttributes (JSONC)', () => {
  const text = joinLines(
    '// For format details, see https://aka.ms/devcontainer.json.',
    '{',
    '  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm",',
    '  // API, web app; the docs site is published with appPort.',
    '  "forwardPorts": [4700, 4711],',
    '  "appPort": [4730],',
    '  "portsAttributes": {',
    '    "4700": { "label": "API", "onAutoForward": "notify" },',
    '    "4710": { "label": "Web" },',
    '  },',
    '}',
  );
  assert.deepEqual(briefs(text), [
    'reference 4700 label=API @5:20',
    'reference 4711 @5:26',
    'reference 4730 @6:15',
    'reference 4700 label=API @8:6',
    'reference 4710 label=Web @9:6',
  ]);
});

test('variant: "service:port" forwards, string ports, an appPort mapping, range attributes', () => {
  const text = joinLines(
    '{',
    '  "dockerComposeFile": ["../../docker-compose.dev.yml"],',
    '  "service": "workspace",',
    '  "forwardPorts": ["api:4700", "db:5432", "9229"],',
    '  "appPort": "8000:3000",',
    '  "portsAttributes": {',
    '    "5432": { "label": "Postgres", "onAutoForward": "ignore" },',
    '    "9000-9300": { "label": "Debuggers" },',
    '    ".+\\\\/server.js": { "label": "Server" }',
    '  }',
    '}',
  );
  assert.deepEqual(briefs(text, '.devcontainer/backend/devcontainer.json'), [
    'reference 4700 host=api @4:25',
    'reference 5432 label=Postgres host=db @4:36',
    'reference 9229 label=Debuggers @4:44',
    'reference 3000 @5:20',
    'reference 5432 label=Postgres @7:6',
    'reference 9000-9300 label=Debuggers @8:6',
  ]);
});

test('silent twin: host requirements, run args, other attributes, settings, feature and image versions', () => {
  const text = joinLines(
    '{',
    '  "name": "shipyard",',
    '  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm",',
    '  "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": { "version": "latest" } },',
    '  "otherPortsAttributes": { "onAutoForward": "silent" },',
    '  "hostRequirements": { "cpus": 4, "memory": "8gb", "storage": "32gb" },',
    '  "runArgs": ["--memory=6g"],',
    '  "customizations": { "vscode": { "settings": { "editor.tabSize": 2, "port": 3000 } } },',
    '  "forwardPorts": ["not-a-port", 0, 70000, true],',
    '  "portsAttributes": { "web": { "label": "Web" } }',
    '}',
  );
  assert.deepEqual(briefs(text), []);
  assert.deepEqual(briefs('{ "forwardPorts": [3000'), ['reference 3000 @1:20']);
  assert.deepEqual(briefs('[3000]'), []);
});
