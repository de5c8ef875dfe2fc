import type { Node } from 'jsonc-parser';
import { parseAddress } from '../syntax/addresses';
import { jsonItems, jsonProperties, jsonProperty, parseJsonTree, rawJsonScalar, rawJsonString, type RawJson } from '../syntax/json';
import { PORT_RANGE, portValue } from '../syntax/portText';
import { basename } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';

/**
 * Dev container configs (`.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
 * `.devcontainer.json`). `forwardPorts` (`3000`, `"db:5432"`), `appPort` and the keys of
 * `portsAttributes` name ports something in the container (or a Compose service) listens on: the
 * editor forwards to them, it does not listen itself. So all are references, labelled with the
 * `portsAttributes` label the file gives that port (the map shows it; the editor work writes it back).
 *
 * Deliberately left alone: the host side of an `appPort` mapping (`"8000:3000"`: the published
 * side is Docker's business, read where Compose or `docker run` says so), `runArgs`,
 * `otherPortsAttributes`, `hostRequirements`, feature versions, image tags.
 */

/** Label per `portsAttributes` key as written (`"3000"`, `"db:5432"`, `"40000-40010"`). */
type Labels = ReadonlyMap<string, string>;

export const devcontainerExtractor: Extractor = {
  id: 'devcontainer',
  matches: (path) => basename(path) === 'devcontainer.json' || basename(path) === '.devcontainer.json',
  extract(file, sink) {
    const root = parseJsonTree(file.text);
    if (root?.type !== 'object') return;
    const labels = labelsOf(jsonProperty(root, 'portsAttributes'));
    for (const { key, value } of jsonProperties(root)) {
      if (key.value === 'forwardPorts') for (const item of jsonItems(value)) addForwarded(file, sink, item, labels);
      else if (key.value === 'appPort') for (const item of value?.type === 'array' ? jsonItems(value) : [value]) addAppPort(file, sink, item, labels);
      else if (key.value === 'portsAttributes') addAttributeKeys(file, sink, value, labels);
    }
  },
};

/** `portsAttributes` labels by key as written. */
function labelsOf(node: Node | undefined): Labels {
  const labels = new Map<string, string>();
  for (const { key, value } of jsonProperties(node)) {
    const label = labelOf(value);
    if (label) labels.set(String(key.value), label);
  }
  return labels;
}

/** Each `portsAttributes` key that is a port, an address or a small range; a regex key (`".+\\/server.js"`) names a process. */
function addAttributeKeys(file: SourceFile, sink: OccurrenceSink, node: Node | undefined, labels: Labels): void {
  for (const { key } of jsonProperties(node)) {
    const raw = rawJsonString(file.text, key);
    if (raw) addPortSpec(sink, raw, labels.get(String(key.value)));
  }
}

function labelOf(attributes: Node | undefined): string | undefined {
  const label = jsonProperty(attributes, 'label');
  return label?.type === 'string' && String(label.value).trim() ? String(label.value) : undefined;
}

/** `3000`, `"3000"` or `"db:5432"`. */
function addForwarded(file: SourceFile, sink: OccurrenceSink, node: Node, labels: Labels): void {
  const raw = rawJsonScalar(file.text, node);
  if (raw) addPortSpec(sink, raw, labelFor(labels, raw.text));
}

/** `3000`, `"3000"`, or a Docker mapping `"8000:3000"` / `"127.0.0.1:8000:3000"` whose container side is read. */
function addAppPort(file: SourceFile, sink: OccurrenceSink, node: Node | undefined, labels: Labels): void {
  const raw = rawJsonScalar(file.text, node);
  if (!raw) return;
  const colon = raw.text.lastIndexOf(':');
  const container = colon < 0 ? raw : { text: raw.text.slice(colon + 1), offset: raw.offset + colon + 1 };
  const port = portValue(container.text.trim());
  if (port) sink.addAt(container.offset + container.text.indexOf(port.digits), port.digits, 'reference', { label: labelFor(labels, port.digits) });
}

/** A port, `host:port` or `first-last`; anything else (a regex, a word) is not a port here. */
function addPortSpec(sink: OccurrenceSink, raw: RawJson, label: string | undefined): void {
  const text = raw.text.trim();
  const offset = raw.offset + raw.text.indexOf(text);
  if (portValue(text) || PORT_RANGE.test(text)) {
    sink.addPortOrRange(text, offset, 'reference', { label });
    return;
  }
  const address = parseAddress(text);
  if (address && !address.scheme && address.host) sink.addPortOrRange(address.portText, offset + address.portOffset, 'reference', { host: address.host, label });
}

/** The label given to this exact spec, else to its port (`"db:5432"` takes `"5432"`'s), else to a range holding it. */
function labelFor(labels: Labels, spec: string): string | undefined {
  const exact = labels.get(spec);
  if (exact) return exact;
  const port = Number(/(\d{1,5})$/.exec(spec)?.[1]);
  if (!port) return undefined;
  const bare = labels.get(String(port));
  if (bare) return bare;
  for (const [key, label] of labels) {
    const range = PORT_RANGE.exec(key);
    if (range && Number(range[1]) <= port && port <= Number(range[2])) return label;
  }
  return undefined;
}
