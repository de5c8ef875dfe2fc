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
export const packageJsonExtractor: Extractor = {
  id: 'packageJson',
  matches: (path) => basename(path) === 'package.json',
  extract(file, sink) {
    const root = parseTree(file.text);
    if (root?.type !== 'object') return;
    const name = stringAt(root, ['name']);
    if (name) sink.declaredName = name;
    const details = { ownerHint: name };
    for (const script of findNodeAtLocation(root, ['scripts'])?.children ?? []) {
      const command = script.children?.[1];
      const raw = rawJsonString(file.text, command);
      if (raw) addCommandPorts(sink, [raw], { listenKind: 'bind', details });
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
