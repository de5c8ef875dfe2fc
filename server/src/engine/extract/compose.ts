import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isComposePath } from '../syntax/fileKinds';
import { dirname, joinPath } from '../util/paths';
import { addCommandPorts, addCommandReferences, type CommandPiece } from './commandLine';
import { addEnvVar } from './envVars';
import type { Extractor, OccurrenceDetails, OccurrenceSink, SourceFile } from './extractor';
import type { OccurrenceKind } from './occurrence';
import type { RawScalar, YamlDoc } from '../syntax/yamlDoc';
import { readYamlFile } from './yamlFile';

const TRAEFIK_PORT_LABEL = /\.loadbalancer\.server\.port$/;

/** One service being read: where its ports land depends on its network mode. */
interface Service {
  readonly doc: YamlDoc;
  readonly sink: OccurrenceSink;
  readonly file: SourceFile;
  readonly name: string;
  /** Details of a port on the service's machine: published ports share the Compose project's host. */
  readonly published: OccurrenceDetails;
  /** Kind and details of a port inside the container; with `network_mode: host` that is the machine. */
  readonly inside: { readonly kind: OccurrenceKind; readonly details: OccurrenceDetails };
  /** The other services of the file: `DB_PORT` names one of them, `FLASK_SERVER_PORT` none. */
  readonly siblings: readonly string[];
}

export const composeExtractor: Extractor = {
  id: 'compose',
  matches: isComposePath,
  extract(file, sink) {
    for (const doc of readYamlFile(file, sink, 'Compose file')) {
      const services = doc.entries(doc.get(doc.root, 'services'));
      const names = services.map((e) => e.key);
      for (const { key, value } of services) addService(doc, sink, file, key, value, names);
      addIncludes(doc, sink, file);
    }
  },
};

function addService(doc: YamlDoc, sink: OccurrenceSink, file: SourceFile, name: string, node: Node | undefined, allNames: readonly string[]): void {
  const hostNetwork = doc.str(doc.get(node, 'network_mode')) === 'host';
  const published = { ownerHint: name, group: file.path };
  const inside = hostNetwork ? { kind: 'publish' as const, details: published } : { kind: 'expose' as const, details: { ownerHint: name } };
  const siblings = allNames.filter((n) => n !== name);
  const service: Service = { doc, sink, file, name, published, inside, siblings };
  for (const { key, value } of doc.entries(node)) {
    switch (key) {
      case 'ports':
        for (const item of doc.items(value)) {
          if (isMap(item)) addLongPort(service, item);
          else addShortPort(service, doc.raw(item));
        }
        break;
      case 'expose':
        for (const item of doc.items(value)) addPortPart(service, withoutProtocol(doc.raw(item)), inside.kind, inside.details);
        break;
      case 'environment':
        addEnvironment(service, value);
        break;
      case 'healthcheck':
        addCommandReferences(sink, commandPieces(doc, doc.get(value, 'test')), inside.details);
        break;
      case 'command':
      case 'entrypoint':
        addCommandPorts(sink, commandPieces(doc, value), { listenKind: inside.kind, details: inside.details, ownName: name });
        break;
      case 'labels':
        addTraefikPort(service, value);
        break;
      case 'build':
        addBuildContext(service, value);
        break;
      case 'volumes':
        addMounts(service, value);
        break;
      case 'extends':
        addExtendedFile(service, value);
        break;
    }
  }
}

/** `"[HOST_IP:][HOST:]CONTAINER[/PROTOCOL]"`; a bare container port gets a random host port. */
function addShortPort(service: Service, raw: RawScalar | undefined): void {
  const parts = splitOutsideBraces(withoutProtocol(raw), ':');
  if (parts.length === 0 || parts.length > 3) return;
  const container = parts[parts.length - 1];
  const hostPort = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const hostIp = parts.length === 3 ? literalHost(parts[0].text) : undefined;
  if (hostPort) addPortPart(service, hostPort, 'publish', { ...service.published, host: hostIp });
  addPortPart(service, container, service.inside.kind, service.inside.details);
}

/** `{ target, published, host_ip, protocol, mode }`. */
function addLongPort(service: Service, node: Node): void {
  const { doc } = service;
  const hostIp = literalHost(doc.str(doc.get(node, 'host_ip')) ?? '');
  const published = doc.raw(doc.get(node, 'published'));
  if (published) addPortPart(service, published, 'publish', { ...service.published, host: hostIp });
  addPortPart(service, doc.raw(doc.get(node, 'target')), service.inside.kind, service.inside.details);
}

/** A port, a range (`3000-3005`) or a variable with a default (`${PORT:-3000}`). */
function addPortPart(service: Service, part: RawScalar | undefined, kind: OccurrenceKind, details: OccurrenceDetails): void {
  if (part) service.sink.addPortOrRange(part.text, part.offset, kind, details);
}

function addEnvironment(service: Service, node: Node | undefined): void {
  const { doc, sink, inside, name, siblings } = service;
  const ctx = { listenKind: inside.kind, details: inside.details, ownName: name, siblings };
  if (isSeq(node)) {
    for (const item of doc.items(node)) {
      const raw = doc.raw(item);
      const eq = raw ? raw.text.indexOf('=') : -1;
      if (raw && eq > 0) addEnvVar(sink, raw.text.slice(0, eq).trim(), raw.text.slice(eq + 1), raw.offset + eq + 1, ctx);
    }
    return;
  }
  for (const { key, value } of doc.entries(node)) {
    const raw = doc.raw(value);
    if (raw) addEnvVar(sink, key, raw.text, raw.offset, ctx);
  }
}

/** Traefik routes to the container port named by `...loadbalancer.server.port`. */
function addTraefikPort(service: Service, node: Node | undefined): void {
  const { doc, inside } = service;
  const labels: Array<{ key: string; value: RawScalar | undefined }> = isSeq(node)
    ? doc.items(node).map((item) => splitLabel(doc.raw(item)))
    : doc.entries(node).map(({ key, value }) => ({ key, value: doc.raw(value) }));
  for (const { key, value } of labels) {
    if (TRAEFIK_PORT_LABEL.test(key)) addPortPart(service, value, inside.kind, inside.details);
  }
}

function splitLabel(raw: RawScalar | undefined): { key: string; value: RawScalar | undefined } {
  const eq = raw ? raw.text.indexOf('=') : -1;
  if (!raw || eq < 0) return { key: '', value: undefined };
  return { key: raw.text.slice(0, eq).trim(), value: { text: raw.text.slice(eq + 1), offset: raw.offset + eq + 1 } };
}

/** `build: ./backend` or `build: { context: ./backend }`, made workspace-relative. */
function addBuildContext(service: Service, node: Node | undefined): void {
  const { doc, file } = service;
  const context = isScalar(node) ? doc.str(node) : doc.str(doc.get(node, 'context')) ?? '.';
  if (context === undefined || /^[a-z+]+:\/\/|^git@/i.test(context)) return;
  service.sink.buildContexts.set(service.name, joinPath(dirname(file.path), context));
}

/**
 * Host paths a service mounts (`./nginx/nginx.conf:/etc/nginx/conf.d/default.conf`, long syntax
 * `source:`): that code runs in the service's container. Named volumes and absolute paths are skipped.
 */
function addMounts(service: Service, node: Node | undefined): void {
  const { doc, file, sink, name } = service;
  for (const item of doc.items(node)) {
    const source = isMap(item) ? doc.str(doc.get(item, 'source')) : doc.str(item)?.split(':')[0];
    if (!source || !/^\.{1,2}(\/|$)/.test(source)) continue;
    const path = joinPath(dirname(file.path), source);
    if (path) sink.mounts.set(path, name);
  }
}

function addExtendedFile(service: Service, node: Node | undefined): void {
  const file = service.doc.str(service.doc.get(node, 'file'));
  if (file) service.sink.sharesHostWith.push(joinPath(dirname(service.file.path), file));
}

/** Top-level `include:` (strings, or `{ path }` with one path or a list): run together, one host. */
function addIncludes(doc: YamlDoc, sink: OccurrenceSink, file: SourceFile): void {
  for (const item of doc.items(doc.get(doc.root, 'include'))) {
    const paths = isMap(item) ? [doc.get(item, 'path')].flatMap((p) => (isSeq(p) ? doc.items(p) : [p])) : [item];
    for (const p of paths) {
      const path = doc.str(p);
      if (path) sink.sharesHostWith.push(joinPath(dirname(file.path), path));
    }
  }
}

/** A command as one string, or exec-form list items, each with its file offset. */
function commandPieces(doc: YamlDoc, node: Node | undefined): CommandPiece[] {
  const items = isSeq(node) ? doc.items(node) : [node];
  return items.map((item) => doc.raw(item)).filter((raw): raw is RawScalar => raw !== undefined);
}

/** Drops `/tcp`, `/udp` from a port spec. */
function withoutProtocol(raw: RawScalar | undefined): RawScalar | undefined {
  if (!raw) return undefined;
  const slash = raw.text.indexOf('/');
  return slash < 0 ? raw : { text: raw.text.slice(0, slash), offset: raw.offset };
}

/** Splits on `sep` except inside `${...}` and `[...]` (`${PORT:-3000}`, `[::1]`). */
function splitOutsideBraces(raw: RawScalar | undefined, sep: string): RawScalar[] {
  if (!raw) return [];
  const parts: RawScalar[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= raw.text.length; i++) {
    const c = raw.text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (i === raw.text.length || (c === sep && depth === 0)) {
      parts.push(trimmed(raw.text.slice(start, i), raw.offset + start));
      start = i + 1;
    }
  }
  return parts;
}

function trimmed(text: string, offset: number): RawScalar {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), offset: offset + lead };
}

/** A literal bind address (`127.0.0.1`, `[::1]` → `::1`); variables say nothing certain. */
function literalHost(text: string): string | undefined {
  const host = text.replace(/^\[|\]$/g, '');
  return host && !host.includes('$') ? host : undefined;
}
