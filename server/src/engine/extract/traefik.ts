import type { Node } from 'yaml';
import { parseAddress } from '../syntax/addresses';
import { isComposePath } from '../syntax/fileKinds';
import { isWildcardHost } from '../syntax/hosts';
import { parseYaml, type RawScalar, type YamlDoc } from '../syntax/yamlDoc';
import { basename } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindIn } from './occurrence';

/**
 * Traefik's own config files, YAML or TOML. In the static config (`traefik.yml`) each
 * `entryPoints.<name>.address` (`":80"`, `"127.0.0.1:8082"`, `":53/udp"`) is a port Traefik listens
 * on: a bind labelled with the entry point's name; a provider `endpoint(s)` (`tcp://socket-proxy:2375`)
 * is a reference. In a dynamic (file-provider) config, `http|tcp|udp.services.<x>.loadBalancer.servers`
 * `url`/`address` name the upstreams: references. Docker labels are read with Compose (compose.ts)
 * and `--entrypoints.web.address=:80` with the command line. Timeouts, weights, TLS options,
 * middlewares (`rateLimit.average: 100`) and the Helm chart's `values.yaml` are not read.
 */

/** Where a value sits, by its dotted path of lower-cased keys (`entrypoints.web.address`). */
const ENTRY_POINT_ADDRESS = /^entrypoints\.([^.]+)\.address$/;
const SERVER_ADDRESS = /^(http|tcp|udp)\.services\.[^.]+\.loadbalancer\.servers\.(?:url|address)$/;
const PROVIDER_ENDPOINT = /^providers\.[^.]+\.endpoints?$/;
/** Cheap gates before parsing: a top-level key Traefik's configs have. */
const YAML_MARKER = /^(?:entrypoints|http|tcp|udp|providers)\s*:/im;
const TOML_MARKER = /^\s*\[{1,2}\s*(?:entrypoints|http|tcp|udp|providers)\b|^\s*(?:entrypoints|providers)\./im;
/** Nesting that deep is no Traefik config; the walk stops there. */
const MAX_DEPTH = 12;

/** One string value and the path of keys it sits under. */
interface Setting {
  readonly path: string;
  readonly raw: RawScalar;
}

export const traefikExtractor: Extractor = {
  id: 'traefik',
  matches: isTraefikPath,
  extract(file, sink) {
    const settings = /\.toml$/i.test(file.path) ? tomlSettings(file.text) : yamlSettings(file.text);
    for (const setting of settings) addSetting(file, sink, setting);
  },
};

/** `traefik.yml`, `traefik.toml`, `traefik.dev.yaml`, `dynamic.yml`, or any YAML/TOML under a `traefik/` folder. */
function isTraefikPath(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (!/\.(?:ya?ml|toml)$/.test(name) || isComposePath(path)) return false;
  return name.startsWith('traefik') || name.startsWith('dynamic') || /(^|\/)traefik\//i.test(path);
}

function addSetting(file: SourceFile, sink: OccurrenceSink, { path, raw }: Setting): void {
  const text = raw.text.trim();
  const offset = raw.offset + raw.text.indexOf(text);
  const entryPoint = ENTRY_POINT_ADDRESS.exec(path);
  const server = SERVER_ADDRESS.exec(path);
  if (entryPoint) addEntryPoint(file, sink, text, offset, entryPoint[1]);
  else if (server) addReference(sink, text, offset, server[1] === 'udp');
  else if (PROVIDER_ENDPOINT.test(path)) addReference(sink, text, offset, false);
}

/** `":80"`, `":53/udp"`, `"[::]:443"`, `"127.0.0.1:8082"`: Traefik listens there. */
function addEntryPoint(file: SourceFile, sink: OccurrenceSink, text: string, offset: number, name: string): void {
  const transport = /\/(tcp|udp)$/i.exec(text);
  const address = parseAddress(transport ? text.slice(0, transport.index) : text);
  if (!address || address.scheme) return;
  const host = isWildcardHost(address.host) ? undefined : address.host;
  const protocol = transport?.[1].toLowerCase() === 'udp' ? ('udp' as const) : undefined;
  sink.addPortOrRange(address.portText, offset + address.portOffset, kindIn(file.path, 'bind'), { host, label: name, protocol });
}

function addReference(sink: OccurrenceSink, text: string, offset: number, udp: boolean): void {
  const address = parseAddress(text);
  if (!address?.host) return;
  sink.addPortOrRange(address.portText, offset + address.portOffset, 'reference', { host: address.host, protocol: udp ? 'udp' : undefined });
}

/** Every scalar of the YAML documents under its lower-cased key path (list items add no key). */
function yamlSettings(text: string): Setting[] {
  if (!YAML_MARKER.test(text)) return [];
  const out: Setting[] = [];
  for (const doc of parseYaml(text)) {
    // A Kubernetes manifest (an IngressRoute, the chart's CRDs) is not Traefik's file config.
    if (doc.get(doc.root, 'apiVersion') !== undefined) continue;
    walkYaml(doc, doc.root, '', 0, out);
  }
  return out;
}

function walkYaml(doc: YamlDoc, node: Node | undefined, path: string, depth: number, out: Setting[]): void {
  if (depth > MAX_DEPTH) return;
  const raw = doc.raw(node);
  if (raw) {
    out.push({ path, raw });
    return;
  }
  for (const item of doc.items(node)) walkYaml(doc, item, path, depth + 1, out);
  for (const { key, value } of doc.entries(node)) walkYaml(doc, value, path ? `${path}.${key.toLowerCase()}` : key.toLowerCase(), depth + 1, out);
}

/**
 * TOML read line by line, which Traefik's configs need and no more: `[table]` and `[[array]]`
 * headers, `key = "value"` and dotted keys, inline tables and arrays (which may span lines). Every
 * quoted string becomes a setting under its table, key and inline key.
 */
function tomlSettings(text: string): Setting[] {
  if (!TOML_MARKER.test(text)) return [];
  const out: Setting[] = [];
  let table = '';
  /** The key an inline array or table spanning lines belongs to, and its open brackets. */
  let open: { path: string; depth: number } | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = withoutComment(text.slice(lineStart, lineEnd));
    if (open) {
      addInlineStrings(line, lineStart, open.path, out);
      open.depth += bracketBalance(line);
      if (open.depth <= 0) open = undefined;
    } else {
      const header = /^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*$/.exec(line);
      const pair = /^(\s*)([A-Za-z0-9_."' -]+?)\s*=\s*/.exec(line);
      if (header) table = keyPath(header[1]);
      else if (pair) open = addTomlValue(line, lineStart, joinKeys(table, keyPath(pair[2])), pair[0].length, out);
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return out;
}

/** One `key = value`: a string is one setting; an inline table or array may hold several, and may go on. */
function addTomlValue(line: string, lineStart: number, path: string, valueAt: number, out: Setting[]): { path: string; depth: number } | undefined {
  const value = line.slice(valueAt);
  if (value.startsWith('"') || value.startsWith("'")) {
    const end = value.indexOf(value[0], 1);
    if (end > 0) out.push({ path, raw: { text: value.slice(1, end), offset: lineStart + valueAt + 1 } });
    return undefined;
  }
  if (!value.startsWith('[') && !value.startsWith('{')) return undefined;
  addInlineStrings(value, lineStart + valueAt, path, out);
  const depth = bracketBalance(value);
  return depth > 0 ? { path, depth } : undefined;
}

/** Quoted strings inside an inline table or array: `{ url = "http://a:1" }` adds `url` to the path, a bare item does not. */
function addInlineStrings(text: string, offset: number, path: string, out: Setting[]): void {
  const re = /(?:([A-Za-z0-9_-]+)\s*=\s*)?"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = offset + m.index + m[0].length - m[2].length - 1;
    out.push({ path: m[1] ? joinKeys(path, m[1].toLowerCase()) : path, raw: { text: m[2], offset: at } });
  }
}

/** `entryPoints."web-secure"` → `entrypoints.web-secure`. */
function keyPath(key: string): string {
  return key
    .split('.')
    .map((part) => part.trim().replace(/^["']|["']$/g, '').toLowerCase())
    .join('.');
}

function joinKeys(table: string, key: string): string {
  return table ? `${table}.${key}` : key;
}

/** Opening minus closing brackets and braces outside strings. */
function bracketBalance(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth;
}

/** A line up to its `#` comment (a `#` inside a string is the string's); same length otherwise. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}
