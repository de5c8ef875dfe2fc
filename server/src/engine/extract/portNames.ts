import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import type { Span } from '../text';
import { linePrefix } from './sourceScan';
import { addUrls } from './urls';

/**
 * What names around a port literal say about it. `PORT`, `listenPort`, `SERVER_PORT` name the
 * process's own listener; `DB_PORT`, `redisPort`, `FLASK_SERVER_PORT` name some other service's.
 */

/** Words that, beside `port`, still mean "the port this process listens on". */
const OWN_PORT_WORDS = new Set(['default', 'listen', 'listening', 'srv', 'server', 'http', 'https', 'app', 'web', 'bind', 'local', 'dev', 'main', 'management', 'metrics', 'health', 'admin', 'debug', 'grpc', 'ws', 'cdp']);

export type PortRole = 'own' | 'other';

/** Splits `listenPort`, `DB_PORT`, `server.port`, `--http-port` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Frameworks' own settings for the port they serve on. */
const FRAMEWORK_PORT_KEYS = /^(?:FLASK_RUN_PORT|UVICORN_PORT|VITE_PORT|DEV_SERVER_PORT|ASPNETCORE_HTTPS?_PORTS)$/i;

/** `own`/`other` for a name that ends in `port` (`portNumber` too); undefined for any other name. */
export function portNameRole(name: string): PortRole | undefined {
  if (FRAMEWORK_PORT_KEYS.test(name)) return 'own';
  const words = nameWords(name);
  if (words.length && /^(number|num|no)$/.test(words[words.length - 1])) words.pop();
  if (words.pop() !== 'port') return undefined;
  return words.every((w) => OWN_PORT_WORDS.has(w)) ? 'own' : 'other';
}

/** The listener kind for an own port, the client kind for another service's. */
export function kindForRole(role: PortRole): OccurrenceKind {
  return role === 'own' ? 'bind' : 'reference';
}

/** Names worth keeping as `key`: env-style names and anything that says it holds an address. */
function isConfigName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name) || /url|uri|host|addr|endpoint|origin|base|target|server|port/i.test(name);
}

/**
 * The variable or key a string literal on this line is assigned to: `FOO_URL: process.env.FOO_URL ?? '…'`,
 * `os.getenv("API_URL", "…")`, `const CREDITS_URL = '…'`. `prefix` is the line up to the opening quote.
 */
export function assignedKey(prefix: string): string | undefined {
  const envCall = /\b(?:getenv|get|setdefault|Getenv|getEnv|GetEnvironmentVariable|getOrDefault|fetch|env)\(\s*['"]([A-Za-z_][\w.]*)['"]\s*,\s*(?:default\s*=\s*)?$/.exec(prefix);
  if (envCall) return envCall[1];
  const envFallback = /\b(?:process\.env|import\.meta\.env|Bun\.env)(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])\s*\)?\s*(?:\?\?|\|\|)\s*$/.exec(prefix);
  if (envFallback) return envFallback[1] ?? envFallback[2];
  let last: string | undefined;
  for (const m of prefix.matchAll(/([A-Za-z_$][\w$]*)['"\]]?\s*(?::=|=(?![=>])|:(?!:))/g)) last = m[1];
  return last && isConfigName(last) ? last : undefined;
}

/** A string literal holding exactly `host:port` (`localhost:3550`, `:8080`, `[::]:50051`). */
export interface AddressLiteral {
  readonly host: string;
  /** Offset of the port digits inside the literal's content. */
  readonly portOffset: number;
  readonly portText: string;
  /** Empty, `0.0.0.0`, `[::]`, `*`: only a listener writes these. */
  readonly wildcard: boolean;
  /** `localhost` or an IP address: certainly an address, whatever surrounds it. */
  readonly literalHost: boolean;
}

const ADDRESS = /^(\[[0-9a-fA-F:.]*\]|\*|[A-Za-z][\w.-]*|\d{1,3}(?:\.\d{1,3}){3}|):(\d{2,5})$/;

export function addressLiteral(content: string): AddressLiteral | undefined {
  const m = ADDRESS.exec(content);
  if (!m) return undefined;
  const host = m[1];
  const wildcard = host === '' || host === '*' || host === '0.0.0.0' || host === '[::]';
  const literalHost = wildcard || host === 'localhost' || host.startsWith('[') || /^\d/.test(host);
  return { host: host || '0.0.0.0', portOffset: host.length + 1, portText: m[2], wildcard, literalHost };
}

/** Words before a `name:1234` string that make it an address rather than a cache key or a label. */
const ADDRESS_CONTEXT = /addr|host|endpoint|target|server|url|uri|broker|channel|dial|connect|client|upstream|proxy|listen|bind/i;

/**
 * Records the URLs and `host:port` strings among a file's string literals as references, with the
 * key they are assigned to. Wildcard addresses (`:8080`, `0.0.0.0:80`) are left to the caller,
 * which knows whether the language writes listen addresses that way.
 */
export function addStringReferences(out: OccurrenceSink, code: string, strings: readonly Span[]): void {
  for (const s of strings) {
    const content = code.slice(s.start, s.end);
    const prefix = linePrefix(code, s.start - 1);
    const details: OccurrenceDetails = { key: assignedKey(prefix) };
    addUrls(out, content, s.start, details);
    const address = addressLiteral(content);
    if (!address || address.wildcard) continue;
    if (!address.literalHost && !ADDRESS_CONTEXT.test(prefix)) continue;
    out.addAt(s.start + address.portOffset, address.portText, 'reference', { ...details, host: address.host });
  }
}
