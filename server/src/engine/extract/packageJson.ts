import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { rawJsonScalar, rawJsonString } from '../syntax/json';
import { portValue } from '../syntax/portText';
import { basename } from '../util/paths';
import { addCommandPorts } from './commandLine';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';

/**
 * `package.json`: the package `name` names the folder's service; start scripts bind ports
 * (`vite --port 5173`, `PORT=3000 node server.js`); `proxy` points at the API it forwards to.
 * Dependency versions, engines and the rest are never read.
 */
/** Script names that run the package itself, not a build, a test or a linter. */
const STARTS_THE_PACKAGE = /^(?:dev|start|serve|develop|watch)(?::[\w:-]+)?$/;
/** Scripts that run tests: `test`, `test:e2e`, `e2e`, `cy:run`, `playwright`, `jest`, `vitest`, `mocha`. */
const TEST_SCRIPT = /^(?:test|tests|e2e|cy|cypress|playwright|jest|vitest|mocha|spec|coverage)(?:[:-][\w:-]*)?$/;
/** A script that runs every workspace package's `dev`/`start` on the machine: `turbo run dev`, `pnpm -r dev`, `npm run dev --workspaces`. */
const RUNS_THE_WORKSPACE = /\b(?:turbo\s+(?:run\s+)?(?:dev|start)\b|pnpm\s+(?:-r|--recursive)\s+(?:run\s+)?(?:dev|start)\b|lerna\s+run\s+(?:dev|start)\b|nx\s+run-many\b[^&|;]*--target[= ](?:dev|serve|start)\b|npm\s+run\s+(?:dev|start)\s+(?:--workspaces|-ws)\b|yarn\s+workspaces\s+(?:foreach\s+(?:-\w+\s+)*)?run\s+(?:dev|start)\b)/;

export const packageJsonExtractor: Extractor = {
  id: 'packageJson',
  matches: (path) => basename(path) === 'package.json',
  extract(file, sink) {
    const root = parseTree(file.text);
    if (root?.type !== 'object') return;
    const name = stringAt(root, ['name']);
    if (name) sink.declaredName = name;
    const details = { ownerHint: name };
    const scripts = findNodeAtLocation(root, ['scripts'])?.children ?? [];
    // Its own `dev` script may be what its container runs (`CMD npm run dev`): on its own only when a
    // workspace runner (`turbo run dev` at the root) starts it on the machine.
    if (scripts.some((s) => STARTS_THE_PACKAGE.test(String(s.children?.[0]?.value ?? '')))) sink.devScript = true;
    if (scripts.some((s) => RUNS_THE_WORKSPACE.test(String(s.children?.[1]?.value ?? '')))) sink.startsWorkspaces = true;
    for (const script of scripts) {
      const command = script.children?.[1];
      const raw = rawJsonString(file.text, command);
      // A test run's server (`PORT=8081 mocha`) is thrown away with the run: its ports say nothing about what runs.
      const listenKind = TEST_SCRIPT.test(String(script.children?.[0]?.value ?? '')) ? 'reference' : 'bind';
      if (raw) addCommandPorts(sink, [raw], { listenKind, details });
    }
    const proxy = findNodeAtLocation(root, ['proxy']);
    const proxyRaw = rawJsonString(file.text, proxy);
    if (proxyRaw) sink.addUrls(proxyRaw.text, proxyRaw.offset, details);
    addConfigPort(file, sink, findNodeAtLocation(root, ['config', 'port']), details);
  },
};

/** `"config": { "port": 8080 }` (read by the app as `npm_package_config_port`). */
function addConfigPort(file: SourceFile, sink: OccurrenceSink, node: Node | undefined, details: { ownerHint?: string }): void {
  const raw = rawJsonScalar(file.text, node);
  const port = raw && portValue(raw.text);
  if (raw && port) sink.addAt(raw.offset + port.index, port.digits, 'bind', details);
}

function stringAt(root: Node, path: string[]): string | undefined {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'string' ? String(node.value) : undefined;
}
