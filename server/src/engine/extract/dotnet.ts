import { parseTree, type Node } from 'jsonc-parser';
import { addressLiteral } from '../syntax/hosts';
import { portNameRole } from '../syntax/names';
import { portValue } from '../syntax/portText';
import { listenUrls } from '../syntax/urls';
import { basename } from '../util/paths';
import { addEnvVar } from './envVars';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindForRole, kindIn, type OccurrenceKind } from './occurrence';

/**
 * ASP.NET Core's JSON settings. `Properties/launchSettings.json`: each `dotnet run` profile's
 * `applicationUrl` (`https://localhost:7001;http://localhost:5001`) is a listener of the project,
 * labelled by scheme, and so are the listen URLs and ports in its `environmentVariables`. IIS
 * Express (`iisSettings`, `IISExpress`/`IIS` profiles) and Visual Studio's container profiles are
 * not how the service runs: their ports (Visual Studio's choice) are left alone.
 * `appsettings*.json`: Kestrel `Endpoints.<name>.Url` and the host's `Urls` are listeners; other URLs,
 * connection strings (`Host=db;Port=5432`) and other services' `Port` settings are references.
 */

/** Profiles `dotnet run` starts the project with (`commandName` missing means `Project`). */
const RUN_COMMANDS = new Set(['project', 'executable']);
/** Host settings that are listen URLs (`"Urls": "http://*:5000"`) or port lists (`"HTTP_PORTS": "8080"`). */
const HOST_URL_KEYS = new Set(['urls']);
const HOST_PORT_KEYS = new Set(['http_ports', 'https_ports']);
/** ADO.NET-style connection strings: `Host=db;Port=5432`, `Server=db,1433`, `Data Source=tcp:db,1433`. */
const CONNECTION_PORT = /(?:^|;)\s*Port\s*=\s*(\d{1,5})\s*(?=;|$)/id;
const CONNECTION_HOST = /(?:^|;)\s*(?:Host|Server|Data Source|Address|Addr)\s*=\s*(?:tcp:)?([^;,\s]+)(?:\s*,\s*(\d{1,5}))?/id;
const MAX_DEPTH = 12;
const MAX_NODES = 20_000;

export const dotnetExtractor: Extractor = {
  id: 'dotnet',
  matches: (path) => {
    const name = basename(path);
    return name === 'launchSettings.json' || /^appsettings(?:\.[\w-]+)?\.json$/i.test(name);
  },
  extract(file, out) {
    const root = parseTree(file.text);
    if (root?.type !== 'object') return;
    if (basename(file.path) === 'launchSettings.json') addLaunchProfiles(file, root, out);
    else addAppSettings(file, root, out);
  },
};

function addLaunchProfiles(file: SourceFile, root: Node, out: OccurrenceSink): void {
  const bind = kindIn(file.path, 'bind');
  for (const profile of propertiesOf(child(root, 'profiles'))) {
    if (profile.value.type !== 'object') continue;
    const command = stringValue(child(profile.value, 'commandName'));
    if (command !== undefined && !RUN_COMMANDS.has(command.toLowerCase())) continue;
    const url = rawString(file, child(profile.value, 'applicationUrl'));
    if (url) addListenUrls(out, url.text, url.offset, bind);
    for (const env of propertiesOf(child(profile.value, 'environmentVariables'))) {
      const raw = rawString(file, env.value);
      if (raw) addEnvVar(out, env.key, raw.text, raw.offset, { listenKind: bind });
    }
  }
}

function addListenUrls(out: OccurrenceSink, text: string, offset: number, kind: OccurrenceKind): void {
  for (const u of listenUrls(text)) out.addAt(offset + u.portOffset, u.portText, kind, { host: u.host, label: u.scheme });
}

interface SettingsWalk {
  readonly file: SourceFile;
  readonly out: OccurrenceSink;
  readonly bind: OccurrenceKind;
  budget: number;
}

function addAppSettings(file: SourceFile, root: Node, out: OccurrenceSink): void {
  walkSettings({ file, out, bind: kindIn(file.path, 'bind'), budget: MAX_NODES }, root, [], 0);
}

/** Visits every value with its key path (`Kestrel`, `Endpoints`, `Http`, `Url`). */
function walkSettings(w: SettingsWalk, node: Node, path: readonly string[], depth: number): void {
  if (depth > MAX_DEPTH || w.budget-- <= 0) return;
  if (node.type === 'object') {
    for (const p of propertiesOf(node)) walkSettings(w, p.value, [...path, p.key], depth + 1);
  } else if (node.type === 'array') {
    for (const item of node.children ?? []) walkSettings(w, item, path, depth + 1);
  } else {
    addSetting(w, node, path);
  }
}

function addSetting(w: SettingsWalk, node: Node, path: readonly string[]): void {
  const key = path[path.length - 1]?.toLowerCase() ?? '';
  const raw = node.type === 'string' ? rawString(w.file, node) : node.type === 'number' ? { text: w.file.text.slice(node.offset, node.offset + node.length), offset: node.offset } : undefined;
  if (!raw) return;
  const dotted = path.join('.');
  if (isKestrelEndpointUrl(path) || (path.length === 1 && HOST_URL_KEYS.has(key))) return addListenUrls(w.out, raw.text, raw.offset, w.bind);
  if (path.length === 1 && HOST_PORT_KEYS.has(key)) {
    for (const m of raw.text.matchAll(/\d{1,5}/g)) w.out.addAt(raw.offset + (m.index ?? 0), m[0], w.bind, { key: path[0] });
    return;
  }
  const role = portNameRole(dotted);
  if (role) {
    const port = portValue(raw.text);
    if (port) w.out.addAt(raw.offset + port.index, port.digits, kindIn(w.file.path, kindForRole(role)), { key: dotted });
    return;
  }
  if (node.type !== 'string') return;
  w.out.addUrls(raw.text, raw.offset, { key: dotted });
  if (path[0]?.toLowerCase() === 'connectionstrings') addConnectionString(w.out, raw.text, raw.offset, dotted);
}

/** `Kestrel.Endpoints.<name>.Url`. */
function isKestrelEndpointUrl(path: readonly string[]): boolean {
  return path.length === 4 && path[0].toLowerCase() === 'kestrel' && path[1].toLowerCase() === 'endpoints' && path[3].toLowerCase() === 'url';
}

/**
 * The server a connection string points at: `Host=db;Port=5432`, `Server=db,1433`, or a Redis
 * configuration string `redis:6379,abortConnect=false`. A reference, never a listener.
 */
function addConnectionString(out: OccurrenceSink, text: string, offset: number, key: string): void {
  const host = CONNECTION_HOST.exec(text);
  const port = CONNECTION_PORT.exec(text);
  if (port) out.addAt(offset + port.indices![1][0], port[1], 'reference', { key, host: host?.[1] });
  else if (host?.[2]) out.addAt(offset + host.indices![2][0], host[2], 'reference', { key, host: host[1] });
  if (host || port) return;
  const first = text.split(',')[0].trim();
  const address = addressLiteral(first);
  if (address) out.addAt(offset + text.indexOf(first) + address.portOffset, address.portText, 'reference', { key, host: address.host });
}

function child(node: Node | undefined, key: string): Node | undefined {
  return propertiesOf(node).find((p) => p.key === key)?.value;
}

function propertiesOf(node: Node | undefined): { key: string; value: Node }[] {
  if (node?.type !== 'object') return [];
  const out: { key: string; value: Node }[] = [];
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.type === 'string' && v) out.push({ key: String(k.value), value: v });
  }
  return out;
}

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}

/** A JSON string's text as written, without its quotes, and where it starts in the file. */
function rawString(file: SourceFile, node: Node | undefined): { text: string; offset: number } | undefined {
  if (node?.type !== 'string') return undefined;
  return { text: file.text.slice(node.offset + 1, node.offset + node.length - 1), offset: node.offset + 1 };
}
