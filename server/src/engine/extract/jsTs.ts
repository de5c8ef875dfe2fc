import { isThisMachine } from '../syntax/hosts';
import { JS_LIKE, groupStart, isMinified, linePrefix, scanSource } from '../syntax/lexer';
import { isQualifiedPortName, portNameRole, portQualifier } from '../syntax/names';
import { findSettingDefaults } from '../syntax/settingDefaults';
import { lineEndAt, lineStartAt, matchesAt, matchesWithin, offsetsOf } from '../syntax/windows';
import { joinedSpans, type Span } from '../text';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindForRole, kindIn, type OccurrenceKind } from './occurrence';
import { addStringReferences, lookBeforeLexing } from './stringLiterals';

/**
 * JavaScript and TypeScript (and the script parts of Vue/Svelte files): `.listen(3000)`,
 * `process.env.PORT ?? 3000`, `intEnv('PORT', 4069)`-style helpers, `const PORT = 3000`,
 * `server: { port: 5173 }`, URLs in strings.
 * Only numbers in those shapes count; `setTimeout(fn, 3000)` or `maxAge: 86400` never do.
 */

const SOURCE_FILE = /\.(m?[jt]sx?|c[jt]s|vue|svelte)$/i;
/** Declarations, bundles and PM2 files (read by their own extractor) are not application source. */
const NOT_SOURCE = /(\.d\.[mc]?ts$)|(\.min\.[mc]?js$)|((^|\/)ecosystem\.config\.[^/]+$)/i;

/** `Number(…)`, `parseInt(…)` or unary `+` around a value. */
const NUMBER_WRAP = String.raw`(?:(?:Number|parseInt|parseFloat|String)\s*\(\s*|\+\s*)?`;
/** A port literal, quoted or not, that is not part of a longer number (`3.0.0`). */
const PORT_LITERAL = String.raw`['"\x60]?(\d{2,5})(?![\w.])['"\x60]?`;
/** Where a value ends: `;`, `,`, `}`, a line break, after closing parens and a `parseInt` radix. */
const VALUE_END = String.raw`(?=[ \t)]*(?:,\s*10\s*\)[ \t)]*)?(?:[;,}\]\r\n]|$))`;
const ENV_READ = String.raw`(?:(?:process\.env|import\.meta\.env|Bun\.env)(?:\.([A-Za-z_]\w*)|\[\s*['"](\w+)['"]\s*\])|Deno\.env\.get\(\s*['"](\w+)['"]\s*\))`;

/** `process.env.PORT ?? 3000`, `Number(process.env.PORT) || 3000`: groups 1-3 key, 4 port. Tried where an env object is named. */
const ENV_DEFAULT = new RegExp(ENV_READ + String.raw`\s*\)?\s*(?:\?\?|\|\|)\s*` + NUMBER_WRAP + PORT_LITERAL + VALUE_END, 'yd');
/** What an `ENV_READ` starts with: each is followed by `.env`. */
const ENV_OBJECTS = ['process', 'import.meta', 'Bun', 'Deno'];
/** `.listen(3000`: group 1 port. Tried at each `.listen(`. */
const LISTEN_CALL = /\.listen\(\s*(?:Number\(\s*)?['"]?(\d{2,5})(?![\w.])/yd;
/** `const PORT = 3000`, `port: Number(x) || 3000`, `"port": 8080`: group 2 name, 3 `=` or `:`, 4 port. */
const NAMED_VALUE = new RegExp(
  String.raw`(?<![\w$.])(['"]?)([A-Za-z_$][\w$]*)\1[ \t]*(?::[ \t]*[A-Za-z][\w<>| ]*?[ \t]*)?(=(?![=>])|:)\s*` +
    NUMBER_WRAP +
    String.raw`(?:[^;\n,{}=]*?(?:\?\?|\|\|)\s*` +
    NUMBER_WRAP +
    ')?' +
    PORT_LITERAL +
    VALUE_END,
  'gd',
);
/**
 * The digits of a `NAMED_VALUE` match: a run of 2-5 digits (after a quote, `(`, `+`, an operator
 * or white space, never a digit) that ends its value.
 */
const VALUE_DIGITS = /(?<!\d)\d{2,5}(?![\w.])(?=['"\x60]?[ \t)]*(?:[;,}\]\r\n]|$))/g;
/**
 * A line, or the start of the line before the digits, that a `NAMED_VALUE` match can run through
 * without starting on it: only white space, `Number(` or `+`, and one `… ??`/`… ||` of a fallback.
 * Everything from the name to the `=`/`:` stands on the line where the match starts.
 */
const VALUE_CONTINUATION =
  /^\s*(?:(?:Number|parseInt|parseFloat|String)\s*)?(?:[(+]\s*)?(?:[^;\n,{}=]*?(?:\?\?|\|\|)\s*(?:(?:Number|parseInt|parseFloat|String)\s*)?(?:[(+]\s*)?)?['"\x60]?$/;

/** Besides a `host:port` or URL string and a port name, what the reader's patterns need: `.listen(` (listen calls), `.env` (env defaults). */
const MAY_HOLD_PORTS = lookBeforeLexing(String.raw`\.(?:listen\(|env)`);

export const jsTsExtractor: Extractor = {
  id: 'jsTs',
  matches: (path) => SOURCE_FILE.test(path) && !NOT_SOURCE.test(path),
  extract(file, out) {
    if (!MAY_HOLD_PORTS.test(file.text) || isMinified(file.text)) return;
    const { code, strings } = scanSource(file.text, JS_LIKE);
    addListenCalls(file, code, out);
    addEnvDefaults(file, code, out);
    addSettingDefaults(file, code, out);
    addNamedPorts(file, code, out);
    addStringReferences(out, code, strings);
  },
};

function addListenCalls(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesAt(LISTEN_CALL, code, offsetsOf('.listen(', code))) out.addAt(groupStart(m, 1), m[1], kindIn(file.path, 'bind'));
}

function addEnvDefaults(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesAt(ENV_DEFAULT, code, envReadStarts(code))) {
    const key = m[1] ?? m[2] ?? m[3];
    const kind = envDefaultKind(code, m.index, key);
    out.addAt(groupStart(m, 4), m[4], kindIn(file.path, kind), { key });
  }
}

/** Where `process.env`, `import.meta.env`, `Bun.env` or `Deno.env` is written, in order (no two overlap). */
function* envReadStarts(code: string): Generator<number> {
  for (const at of offsetsOf('.env', code)) {
    const object = ENV_OBJECTS.find((o) => at >= o.length && code.startsWith(o, at - o.length));
    if (object) yield at - object.length;
  }
}

/**
 * An env default binds when it names the process's own port (`PORT`) or feeds a listener
 * (`.listen(…)`, `const port = …`), unless it sits in a client's options (`{ host, user, port }`).
 */
function envDefaultKind(code: string, offset: number, key: string): OccurrenceKind {
  const prefix = linePrefix(code, offset);
  if (/\.listen\(\s*(?:(?:Number|parseInt)\s*\(\s*)?$/.test(prefix)) return 'bind';
  const target = /(['"]?)([A-Za-z_$][\w$]*)\1\s*(?::\s*\w+\s*)?(=|:)\s*(?:(?:Number|parseInt|parseFloat)\s*\(\s*)?$/.exec(prefix);
  if (target?.[3] === ':' && isClientOptions(code, offset)) return 'reference';
  const own = portNameRole(key) === 'own' || (target !== null && portNameRole(target[2]) === 'own');
  return own && !isClientVariable(code, target?.[2], key) ? 'bind' : 'reference';
}

/**
 * `intEnv('PORT', 4069)`, `envInt("SMTP_PORT", 1025)`, `config.get('port', 8080)`: the name decides
 * (own port → bind, another service's → reference), except that a helper handed straight to
 * `.listen(…)` binds and an own port in a client's options (`{ host: 'db', port: … }`) is the client's.
 */
function addSettingDefaults(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const d of findSettingDefaults(code)) {
    const role = portNameRole(d.name);
    if (!role) continue;
    const prefix = linePrefix(code, d.callStart);
    let kind = kindForRole(role);
    if (/\.listen\(\s*(?:(?:Number|parseInt)\s*\(\s*)?$/.test(prefix)) kind = 'bind';
    else if (role === 'own' && /['"]?[A-Za-z_$][\w$]*['"]?\s*:\s*$/.test(prefix) && isClientOptions(code, d.callStart)) kind = 'reference';
    out.addAt(d.digitsStart, d.digits, kindIn(file.path, kind), { key: d.name });
  }
}

function addNamedPorts(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesWithin(NAMED_VALUE, code, namedValueWindows(code))) {
    const name = m[2];
    const role = portNameRole(name);
    if (!role) continue;
    const isProperty = m[3] === ':';
    const kind = isProperty && (isClientOptions(code, m.index) || isClientSetting(code, m.index, name)) ? 'reference' : kindForRole(role);
    const key = /^[A-Z][A-Z0-9_]*$/.test(name) ? name : undefined;
    // `healthPort: 5557` says which of its ports it is; the topology compares that with the plan's labels.
    const label = role === 'own' ? portQualifier(name) : undefined;
    out.addAt(groupStart(m, 4), m[4], kindIn(file.path, kind), { key, ...(label ? { label } : {}) });
  }
}

/**
 * Lines a `NAMED_VALUE` match can lie on: each line with value digits, and the lines before it the
 * match may have started on (back over continuation lines to the first that is not one).
 */
function namedValueWindows(code: string): Span[] {
  const windows: Span[] = [];
  VALUE_DIGITS.lastIndex = 0;
  for (let m = VALUE_DIGITS.exec(code); m; m = VALUE_DIGITS.exec(code)) {
    let start = lineStartAt(code, m.index);
    if (VALUE_CONTINUATION.test(code.slice(start, m.index))) {
      while (start > 0) {
        start = lineStartAt(code, start - 1);
        if (!VALUE_CONTINUATION.test(code.slice(start, lineEndAt(code, start)))) break;
      }
    }
    windows.push({ start, end: lineEndAt(code, m.index) });
  }
  return joinedSpans(windows);
}

/**
 * `{ cdpPort: 5556, cdpHost: '127.0.0.1' }` in a plain config object: the settings a client reads to
 * connect to another process's port. A qualified own-port name (`cdpPort`, `healthPort`) is a
 * client's when the object also names a host or the file builds an address from it, and the file
 * never hands it to a listener; a server's options object is never a client's.
 */
function isClientSetting(code: string, offset: number, name: string): boolean {
  if (!isQualifiedPortName(name)) return false;
  const object = enclosingObject(code, offset);
  if (object && SERVER_OPTIONS.test(code.slice(Math.max(0, object.start - 120), object.start))) return false;
  const namesHost = object !== undefined && /(?:^|[{,\s])['"]?\w*(?:host|Host|HOST)(?:name)?['"]?\s*:/.test(topLevel(code.slice(object.start + 1, object.end - 1)));
  return (namesHost || usedInAddress(code, name)) && !handedToListener(code, name);
}

/** `const cdpPort = Number(process.env.CDP_PORT ?? 5558)` used only in `http://127.0.0.1:${cdpPort}`: the port of the process it connects to. */
function isClientVariable(code: string, variable: string | undefined, key: string): boolean {
  if (!variable || !(isQualifiedPortName(variable) || isQualifiedPortName(key))) return false;
  return usedInAddress(code, variable) && !handedToListener(code, variable) && !handedToListener(code, key);
}

/** `:${cfg.cdpPort}` or `':' + cdpPort`: the name is the port of an address the code builds. */
function usedInAddress(code: string, name: string): boolean {
  const n = escapeName(name);
  return new RegExp(String.raw`:\$\{\s*(?:[\w$]+\??\.)*${n}\s*\}|['"\x60]:['"\x60]\s*\+\s*(?:[\w$]+\??\.)*${n}\b`).test(code);
}

/** `.listen(cfg.healthPort`, `--remote-debugging-port=${cdpPort}`, `port: healthPort`: a listener is given the name. */
function handedToListener(code: string, name: string): boolean {
  return new RegExp(String.raw`(?:\.listen\(\s*|--[\w-]*port[= ]\$\{\s*|\bport\s*:\s*)(?:[\w$]+\??\.)*${escapeName(name)}\b`).test(code);
}

function escapeName(name: string): string {
  return name.replace(/\$/g, '\\$');
}

/** Calls whose options object describes a connection to someone else's port. */
const CLIENT_CALL = /\b(create(Client|Connection|Pool|Transport)|connect|Pool|Client|Redis|Sequelize|MongoClient|Kafka|knex|request|get)\s*\(\s*$/;
/** Options of a server (vite/svelte `server: {…}`, webpack `devServer`, `.listen({…})`). */
const SERVER_OPTIONS = /\b(server|devServer|preview|hmr|listen)\s*[:(]\s*$/;

/**
 * True when the object around `offset` configures a client: a database/HTTP request config
 * (`host` plus `user`/`password`/`database`/`path`), a named remote host, or a client constructor.
 */
function isClientOptions(code: string, offset: number): boolean {
  const object = enclosingObject(code, offset);
  if (!object) return false;
  const before = code.slice(Math.max(0, object.start - 120), object.start);
  if (SERVER_OPTIONS.test(before)) return false;
  if (CLIENT_CALL.test(before)) return true;
  const text = topLevel(code.slice(object.start + 1, object.end - 1));
  const hasHost = /(?:^|[{,\s])['"]?(host|hostname)['"]?\s*:/.test(text);
  const hasClientKeys = /(?:^|[{,\s])['"]?(user|username|password|database|db|path|method)['"]?\s*:/.test(text);
  if (hasHost && hasClientKeys) return true;
  const host = /['"]?(?:host|hostname)['"]?\s*:\s*['"]([^'"]*)['"]/.exec(text);
  return host !== null && !isThisMachine(host[1]);
}

/** An object's text with nested objects blanked: `{ database: { host, user }, port }` has no host of its own. */
function topLevel(body: string): string {
  let depth = 0;
  let out = '';
  for (const c of body) {
    if (c === '{') depth++;
    out += depth > 0 ? ' ' : c;
    if (c === '}') depth = Math.max(0, depth - 1);
  }
  return out;
}

/** The innermost `{ … }` around `offset`, looked for within a few thousand characters. */
function enclosingObject(code: string, offset: number): { start: number; end: number } | undefined {
  const LIMIT = 4000;
  let depth = 0;
  let start = -1;
  for (let i = offset - 1; i >= Math.max(0, offset - LIMIT); i--) {
    if (code[i] === '}') depth++;
    else if (code[i] === '{' && depth-- === 0) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  depth = 0;
  for (let i = offset; i < Math.min(code.length, offset + LIMIT); i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && depth-- === 0) return { start, end: i + 1 };
  }
  return { start, end: Math.min(code.length, offset + LIMIT) };
}
