import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isComposePath, isYamlPath } from '../syntax/fileKinds';
import { hostOfValue } from '../syntax/hosts';
import { serviceNameFromKey } from '../syntax/names';
import { protocolOf } from '../syntax/portText';
import { parseYaml, type RawScalar, type YamlDoc } from '../syntax/yamlDoc';
import { dirname, joinPath } from '../util/paths';
import { addCommandPorts, addCommandReferences, type CommandPiece } from './commandLine';
import { addEnvVar, referenceDetails } from './envVars';
import type { ComposeServiceFacts, ComposeVariablePort, Extractor, OccurrenceDetails, OccurrenceSink, SourceFile } from './extractor';
import type { OccurrenceKind } from './occurrence';
import { readYamlFile } from './yamlFile';

/** `traefik.http.services.<x>.loadbalancer.server.port` (Traefik reads label keys case-insensitively: `loadBalancer` too). */
const TRAEFIK_PORT_LABEL = /^traefik\.(?:http|tcp|udp)\.services\.[^.]+\.loadbalancer\.server\.port$/i;
/** `${WEB_PORT}` (or `$WEB_PORT`) standing for a whole port: resolved later against the project's env file. */
const VARIABLE = /^\$\{?([A-Za-z_]\w*)\}?$/;
/** `${API_PORT:-8010}` (or `${API_PORT-8010}`): a variable with a default; group 1 the name. */
const DEFAULTED = /^\$\{([A-Za-z_]\w*):?-[^}]*\}$/;

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
  readonly variablePorts: ComposeVariablePort[];
  readonly envHosts: { key: string; host: string }[];
}

/**
 * Compose files: each service's published ports (the host side of `"H:C"`, long-syntax
 * `published`, every port of a `network_mode: host` service) and container ports (`C`, `expose:`,
 * Traefik's `loadbalancer.server.port`), the ports in its environment and commands, and the facts
 * that decide which files form one project and whose code each service runs (`FileFacts.compose`).
 */
export const composeExtractor: Extractor = {
  id: 'compose',
  // Fragments (`.templates/gitea/service.yml`) are Compose files by their content, not their name.
  matches: (path) => isComposePath(path) || isYamlPath(path),
  extract(file, sink) {
    if (!isComposePath(file.path)) {
      addFragment(file, sink);
      return;
    }
    const services: ComposeServiceFacts[] = [];
    const merges: string[] = [];
    let name: string | undefined;
    for (const doc of readYamlFile(file, sink, 'Compose file')) {
      const entries = doc.entries(doc.get(doc.root, 'services'));
      const names = entries.map((e) => e.key);
      for (const { key, value } of entries) services.push(addService(doc, sink, file, key, value, names, merges));
      merges.push(...includedFiles(doc, file));
      name ??= doc.str(doc.get(doc.root, 'name'));
    }
    sink.compose = { ...(name ? { name } : {}), services, merges };
  },
};

/** What a fragment must have, tested line by line in linear time: a bare top-level key and an indented `image:` or `build:`. */
const FRAGMENT_KEY = /^[A-Za-z0-9_.-]+:[ \t]*$/m;
const FRAGMENT_SERVICE = /^[ \t]+(?:image|build):/m;
/**
 * What no fragment has: a top-level key whose value on its line is a scalar or a list (`name: CI`,
 * `apiVersion: v1`, `on: [push]`), not a map, an anchor, an alias or a tag. Workflows and manifests
 * have one and are passed over unparsed (a workflow's job named `build:` passes the tests above).
 */
const TOP_LEVEL_SCALAR = /^[A-Za-z0-9_.-]+:[ \t]+[^\s#{&*!?]/m;

/**
 * A Compose fragment: the services of a file without `services:` (`gitea: { image, ports }`), as
 * menus like IOTstack keep one per template and merge the chosen ones into `docker-compose.yml`.
 * Only a file whose every top-level value is a service (an `image:` or `build:`) is one; anything
 * else is some other YAML and says nothing here. A fragment that does not parse is not one either.
 */
function addFragment(file: SourceFile, sink: OccurrenceSink): void {
  if (!FRAGMENT_SERVICE.test(file.text) || !FRAGMENT_KEY.test(file.text) || TOP_LEVEL_SCALAR.test(file.text)) return;
  const docs = parseYaml(file.text);
  if (docs.length !== 1) return;
  const doc = docs[0];
  const entries = doc.entries(doc.root);
  const isService = (value: Node | undefined) => isMap(value) && (doc.get(value, 'image') !== undefined || doc.get(value, 'build') !== undefined);
  if (!entries.length || !entries.every((e) => isService(e.value))) return;
  const names = entries.map((e) => e.key);
  const services = entries.map(({ key, value }) => addService(doc, sink, file, key, value, names, []));
  sink.compose = { services, merges: [], fragment: true };
}

function addService(doc: YamlDoc, sink: OccurrenceSink, file: SourceFile, name: string, node: Node | undefined, allNames: readonly string[], merges: string[]): ComposeServiceFacts {
  const hostNetwork = doc.str(doc.get(node, 'network_mode')) === 'host';
  const published = { ownerHint: name, group: file.path };
  const inside = hostNetwork ? { kind: 'publish' as const, details: published } : { kind: 'expose' as const, details: { ownerHint: name } };
  const siblings = allNames.filter((n) => n !== name);
  const service: Service = { doc, sink, file, name, published, inside, siblings, variablePorts: [], envHosts: [] };
  // `expose:` or a port on the command line says what the container listens on; `ports:` only what it publishes.
  let declaresPorts = false;
  for (const { key, value } of doc.entries(node)) {
    switch (key) {
      case 'ports':
        for (const item of doc.items(value)) {
          if (isMap(item)) addLongPort(service, item);
          else addShortPort(service, doc.raw(item));
        }
        break;
      case 'expose':
        for (const item of doc.items(value)) addPort(service, doc.raw(item), inside.kind, inside.details);
        declaresPorts ||= doc.items(value).length > 0;
        break;
      case 'environment':
        addEnvironment(service, value);
        break;
      case 'healthcheck':
        addCommandReferences(sink, commandPieces(doc, doc.get(value, 'test')), inside.details);
        break;
      case 'command':
      case 'entrypoint': {
        const before = sink.occurrences.length;
        addCommandPorts(sink, commandPieces(doc, value), { listenKind: inside.kind, details: inside.details, ownName: name });
        declaresPorts ||= sink.occurrences.slice(before).some((o) => o.kind === inside.kind);
        break;
      }
      case 'labels':
        addTraefikPort(service, value);
        break;
      case 'deploy':
        // Swarm mode: Traefik reads the labels of the service, which live under `deploy:`.
        addTraefikPort(service, doc.get(value, 'labels'));
        break;
      case 'extends': {
        const extended = doc.str(doc.get(value, 'file'));
        if (extended) merges.push(joinPath(dirname(file.path), extended));
        break;
      }
    }
  }
  return { ...serviceFacts(doc, file, name, node, hostNetwork, service.variablePorts), declaresPorts, ...(service.envHosts.length ? { envHosts: service.envHosts } : {}) };
}

/** What the project builder and ownership need to know of a service besides its ports. */
function serviceFacts(doc: YamlDoc, file: SourceFile, key: string, node: Node | undefined, hostNetwork: boolean, variablePorts: ComposeVariablePort[]): ComposeServiceFacts {
  const build = buildOf(doc, file, doc.get(node, 'build'));
  const containerName = doc.str(doc.get(node, 'container_name'));
  const hostname = doc.str(doc.get(node, 'hostname'));
  const image = doc.str(doc.get(node, 'image'));
  const profiles = doc.items(doc.get(node, 'profiles')).map((p) => doc.str(p)).filter((p): p is string => Boolean(p));
  const envFile = doc.get(node, 'env_file');
  const envFiles = (isSeq(envFile) ? doc.items(envFile).map((e) => (isMap(e) ? doc.str(doc.get(e, 'path')) : doc.str(e))) : [doc.str(envFile)])
    .filter((p): p is string => Boolean(p))
    .map((p) => joinPath(dirname(file.path), p));
  return {
    key,
    ...(containerName ? { containerName } : {}),
    ...(hostname ? { hostname } : {}),
    ...(build ? { build } : {}),
    ...(image ? { image } : {}),
    profiles,
    hostNetwork,
    mounts: mountsOf(doc, file, doc.get(node, 'volumes')),
    envFiles,
    variablePorts,
  };
}

/** `"[HOST_IP:][HOST:]CONTAINER[/PROTOCOL]"`; a bare container port gets a random host port. */
function addShortPort(service: Service, raw: RawScalar | undefined): void {
  const { spec, protocol } = splitProtocol(raw);
  const parts = splitOutsideBraces(spec, ':');
  if (parts.length === 0 || parts.length > 3) return;
  const container = parts[parts.length - 1];
  const hostPort = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const hostIp = parts.length === 3 ? literalHost(parts[0].text) : undefined;
  if (hostPort) addPort(service, hostPort, 'publish', { ...service.published, host: hostIp, protocol }, 'host');
  addPort(service, container, service.inside.kind, { ...service.inside.details, protocol }, 'container');
}

/** `{ target, published, host_ip, protocol, mode }`. */
function addLongPort(service: Service, node: Node): void {
  const { doc } = service;
  const hostIp = literalHost(doc.str(doc.get(node, 'host_ip')) ?? '');
  const protocol = protocolOf(doc.str(doc.get(node, 'protocol')));
  const published = doc.raw(doc.get(node, 'published'));
  if (published) addPort(service, published, 'publish', { ...service.published, host: hostIp, protocol }, 'host');
  addPort(service, doc.raw(doc.get(node, 'target')), service.inside.kind, { ...service.inside.details, protocol }, 'container');
}

/**
 * A port, a range (`3000-3005`) or a variable with a default (`${PORT:-3000}`); a variable without
 * one (`${WEB_PORT}`) is noted for the project's env file to settle.
 */
function addPort(service: Service, part: RawScalar | undefined, kind: OccurrenceKind, details: OccurrenceDetails, side?: 'host' | 'container'): void {
  if (!part) return;
  const { spec, protocol } = splitProtocol(part);
  if (!spec) return;
  const variable = VARIABLE.exec(spec.text);
  const withProtocol = { ...details, protocol: details.protocol ?? protocol };
  if (variable && side) {
    service.variablePorts.push({ variable: variable[1], side, ...(withProtocol.protocol ? { protocol: withProtocol.protocol } : {}), ...(details.host ? { hostIp: details.host } : {}) });
    return;
  }
  const defaulted = DEFAULTED.exec(spec.text);
  service.sink.addPortOrRange(spec.text, spec.offset, kind, defaulted ? { ...withProtocol, variable: defaulted[1] } : withProtocol);
}

function addEnvironment(service: Service, node: Node | undefined): void {
  const { doc, sink, inside, name, siblings } = service;
  const ctx = { listenKind: inside.kind, details: inside.details, ownName: name, siblings };
  if (isSeq(node)) {
    for (const item of doc.items(node)) {
      const raw = doc.raw(item);
      const eq = raw ? raw.text.indexOf('=') : -1;
      if (raw && eq > 0) {
        addEnvVar(sink, raw.text.slice(0, eq).trim(), raw.text.slice(eq + 1), raw.offset + eq + 1, ctx);
        noteEnvHost(service, raw.text.slice(0, eq).trim(), raw.text.slice(eq + 1));
      }
    }
    return;
  }
  for (const { key, value } of doc.entries(node)) {
    const raw = doc.raw(value);
    if (!raw) continue;
    addEnvVar(sink, key, raw.text, raw.offset, ctx);
    noteEnvHost(service, key, raw.text);
  }
}

/** `X_HOST: name`, `X_URL: scheme://name:port`: where the service's settings point it, port or not. */
function noteEnvHost(service: Service, key: string, value: string): void {
  if (!serviceNameFromKey(key)) return;
  const host = hostOfValue(value);
  if (host && !/^\$/.test(host)) service.envHosts.push({ key, host });
}

/**
 * Traefik routes to the container port a `...loadbalancer.server.port` label names: a reference to
 * this service's port inside its container (checked against what it listens on), not a port it opens.
 * Map form (`key: "8080"`), quoted and bare list forms (`- key=8080`) alike.
 */
function addTraefikPort(service: Service, node: Node | undefined): void {
  const { doc, inside, name } = service;
  const labels: Array<{ key: string; value: RawScalar | undefined }> = isSeq(node)
    ? doc.items(node).map((item) => splitLabel(doc.raw(item)))
    : doc.entries(node).map(({ key, value }) => ({ key, value: doc.raw(value) }));
  for (const { key, value } of labels) {
    if (!TRAEFIK_PORT_LABEL.test(key)) continue;
    const protocol = /^traefik\.udp\./i.test(key) ? ('udp' as const) : undefined;
    addPort(service, value, 'reference', { ...referenceDetails(inside.details), host: name, key, protocol });
  }
}

function splitLabel(raw: RawScalar | undefined): { key: string; value: RawScalar | undefined } {
  const eq = raw ? raw.text.indexOf('=') : -1;
  if (!raw || eq < 0) return { key: '', value: undefined };
  return { key: raw.text.slice(0, eq).trim(), value: { text: raw.text.slice(eq + 1), offset: raw.offset + eq + 1 } };
}

/** `build: ./backend` or `build: { context: ./backend, dockerfile: Dockerfile.dev }`, made workspace-relative. */
function buildOf(doc: YamlDoc, file: SourceFile, node: Node | undefined): ComposeServiceFacts['build'] {
  if (node === undefined) return undefined;
  const context = isScalar(node) ? doc.str(node) : (doc.str(doc.get(node, 'context')) ?? '.');
  if (context === undefined || /^[a-z+]+:\/\/|^git@/i.test(context)) return undefined;
  const dockerfile = isScalar(node) ? undefined : doc.str(doc.get(node, 'dockerfile'));
  const contextPath = joinPath(dirname(file.path), context);
  return { context: contextPath, ...(dockerfile ? { dockerfile: joinPath(contextPath, dockerfile) } : {}) };
}

/**
 * Host paths a service mounts (`./nginx/nginx.conf:/etc/nginx/conf.d/default.conf`, long syntax
 * `source:`): that code runs in the service's container. Named volumes and absolute paths are skipped.
 */
function mountsOf(doc: YamlDoc, file: SourceFile, node: Node | undefined): string[] {
  const out: string[] = [];
  for (const item of doc.items(node)) {
    const source = isMap(item) ? doc.str(doc.get(item, 'source')) : doc.str(item)?.split(':')[0];
    if (!source || !/^\.{1,2}(\/|$)/.test(source)) continue;
    const path = joinPath(dirname(file.path), source);
    if (path) out.push(path);
  }
  return out;
}

/** Top-level `include:` (strings, or `{ path }` with one path or a list): files of the same project. */
function includedFiles(doc: YamlDoc, file: SourceFile): string[] {
  const out: string[] = [];
  for (const item of doc.items(doc.get(doc.root, 'include'))) {
    const paths = isMap(item) ? [doc.get(item, 'path')].flatMap((p) => (isSeq(p) ? doc.items(p) : [p])) : [item];
    for (const p of paths) {
      const path = doc.str(p);
      if (path) out.push(joinPath(dirname(file.path), path));
    }
  }
  return out;
}

/** A command as one string, or exec-form list items, each with its file offset. */
function commandPieces(doc: YamlDoc, node: Node | undefined): CommandPiece[] {
  const items = isSeq(node) ? doc.items(node) : [node];
  return items.map((item) => doc.raw(item)).filter((raw): raw is RawScalar => raw !== undefined);
}

/** `8080/udp` → `8080` and `udp`; tcp is the default and left unset. */
function splitProtocol(raw: RawScalar | undefined): { spec: RawScalar | undefined; protocol?: 'udp' | 'sctp' } {
  if (!raw) return { spec: undefined };
  const slash = raw.text.indexOf('/');
  if (slash < 0) return { spec: raw };
  return { spec: { text: raw.text.slice(0, slash), offset: raw.offset }, protocol: protocolOf(raw.text.slice(slash + 1)) };
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

/** A literal bind address (`127.0.0.1`, `[::1]` → `::1`, the default of `${HOST_IP:-127.0.0.1}`); other variables say nothing certain. */
function literalHost(text: string): string | undefined {
  const withDefault = /^\$\{\w+:?-([^}]*)\}$/.exec(text);
  const host = (withDefault ? withDefault[1] : text).replace(/^\[|\]$/g, '');
  return host && !host.includes('$') ? host : undefined;
}
