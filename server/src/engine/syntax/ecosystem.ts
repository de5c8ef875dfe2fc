import type { Span } from '../text';
import { codeWithoutStrings, commentText, JS_LIKE, scanSource } from './lexer';
import { isListenKey } from './names';

/**
 * PM2 ecosystem files (`ecosystem.config.cjs`), read as text by a tolerant scanner: never executed.
 * The plan reader (a PORTS object is a plan) and the extractor (apps bind ports) both use it.
 *
 * The PortOS convention: a top-level `const PORTS = { API: 5555, UI: 5554 }` (flat, or nested one
 * level: `BROWSER: { CDP: 5556 }`) holds every port, and each app binds some of them through
 * `env.PORT`, `env.CDP_PORT`, `env.VITE_PORT` and `--port` in `args`, by reference (`PORTS.API`,
 * `${PORTS.UI}`) or by literal. Labels follow PortOS's port detection: `PORT` is `api` (`ui` for
 * `-ui`/`-client` apps, `health` for `-browser` apps that also have `CDP_PORT`), `CDP_PORT` is
 * `cdp`, `VITE_PORT` and `--port` are `ui`.
 *
 * Where a port "is": a referenced port's digits are in the PORTS entry, so that is where the plan's
 * location, the extractor's occurrence and every edit point; `PORTS.API` itself holds no digits and
 * is only resolved for hovers (`resolvePortsReferences`).
 */

/** An ecosystem file bigger than this is generated; not worth scanning. */
const MAX_ECOSYSTEM_CHARS = 256_000;
const PORT_ENV_KEYS: Readonly<Record<string, string>> = { PORT: 'api', CDP_PORT: 'cdp', VITE_PORT: 'ui' };

/** One entry of the `PORTS` object. */
export interface PortConstant {
  /** `API`, or `BROWSER.CDP` when nested. */
  readonly name: string;
  readonly port: number;
  /** The digits. */
  readonly span: Span;
  /** `API: 5555`. */
  readonly entrySpan: Span;
  /** The `// comment` after the entry, on its line. */
  readonly description?: string;
}

/** A port an app binds. */
export interface AppPortSite {
  readonly label: string;
  /** `PORT`, `CDP_PORT`, `VITE_PORT` or `--port`. */
  readonly key: string;
  readonly port: number;
  /** The digits: the PORTS entry's when referenced, else the literal's. */
  readonly span: Span;
  /** `PORT: PORTS.API`, or `--port ${PORTS.UI}`. */
  readonly entrySpan: Span;
  readonly constant?: PortConstant;
}

export interface EcosystemApp {
  readonly name: string;
  /** `name: 'portos-server'`, or the app object's opening brace when it has no name. */
  readonly nameSpan: Span;
  readonly sites: readonly AppPortSite[];
  /** The folder the app's code lives in, relative to the ecosystem file (`cwd`, else the script's folder). */
  readonly folder?: string;
  /** The file the app runs, relative to the ecosystem file (`cwd` + `script`), when it is a workspace file. */
  readonly script?: string;
  /** `instances: 4` (or `"4"`): how many processes PM2 starts; unset for one, `'max'` or a count from the CPUs (`0`, `-1`). */
  readonly instances?: number;
  /** `increment_var: 'PORT'`: the env variable PM2 adds each instance's index to (else all instances share its value). */
  readonly incrementVar?: string;
}

export interface EcosystemScan {
  readonly constants: readonly PortConstant[];
  readonly apps: readonly EcosystemApp[];
  /** The `PORTS = { ... }` object, so references inside it are not taken for uses. */
  readonly portsObject?: Span;
}

/** Label a plan uses for a constant of its own: `API_LOCAL` → `api-local`, `BROWSER.CDP` → `cdp`. */
export function constantLabel(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase().replace(/_/g, '-');
}

export function scanEcosystem(text: string): EcosystemScan {
  if (text.length > MAX_ECOSYSTEM_CHARS) return { constants: [], apps: [] };
  const lexed = lexJs(text);
  const portsObject = findPortsObject(lexed.code);
  const constants = portsObject ? readConstants(text, lexed, portsObject, '') : [];
  const byName = new Map(constants.map((c) => [c.name, c]));
  const bodies = findApps(text, lexed.code);
  const names = bodies.map((body) => appNameEntry(text, lexed, body).name);
  const apps = bodies.map((body, i) => readApp(text, lexed, body, byName, names.filter((_, j) => j !== i)));
  return { constants, apps, ...(portsObject ? { portsObject } : {}) };
}

/** Every `PORTS.X` use outside the PORTS object, with the port it stands for (for hovers). */
export function resolvePortsReferences(text: string): { span: Span; port: number; name: string }[] {
  const scan = scanEcosystem(text);
  if (!scan.constants.length) return [];
  const byName = new Map(scan.constants.map((c) => [c.name, c]));
  const code = lexJs(text).code;
  const out: { span: Span; port: number; name: string }[] = [];
  for (const m of code.matchAll(/\bPORTS((?:\.[A-Za-z_$][\w$]*){1,2})/g)) {
    const start = m.index ?? 0;
    if (scan.portsObject && start >= scan.portsObject.start && start < scan.portsObject.end) continue;
    const constant = resolveConstant(m[1].slice(1), byName);
    if (constant) out.push({ span: { start, end: start + 'PORTS'.length + constant.name.length + 1 }, port: constant.port, name: constant.name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scanner. Structure (braces, keys, commas) is read from the code with comments and string contents
// blanked (template `${...}` code kept), keys and values from the text; offsets are the text's own.

interface Lexed {
  readonly code: string;
  /** `// comment` texts, by where they start. */
  readonly comments: readonly { span: Span; text: string }[];
}

function lexJs(text: string): Lexed {
  const scanned = scanSource(text, JS_LIKE);
  return { code: codeWithoutStrings(text, scanned), comments: scanned.comments.map((span) => ({ span, text: commentText(text, span) })) };
}

/** Index just past the bracket matching the one at `open`, in blanked code. */
function closingBracket(code: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i + 1;
    }
  }
  return code.length;
}

function findPortsObject(code: string): Span | undefined {
  const m = /\b(?:(?:const|let|var)\s+)?PORTS\s*=\s*\{/.exec(code);
  if (!m) return undefined;
  const open = (m.index ?? 0) + m[0].length - 1;
  return { start: open, end: closingBracket(code, open) };
}

/** Top-level `key: value` entries of an object literal (`object` spans its braces). */
function objectEntries(text: string, code: string, object: Span): { key: string; entry: Span; value: Span }[] {
  const out: { key: string; entry: Span; value: Span }[] = [];
  let segmentStart = object.start + 1;
  const bodyEnd = object.end - 1;
  for (let i = segmentStart; i <= bodyEnd; i++) {
    if (i < bodyEnd && '{[('.includes(code[i])) {
      i = closingBracket(code, i) - 1;
      continue;
    }
    if (i < bodyEnd && code[i] !== ',') continue;
    // Structure from the blanked code (comments are blank there), keys from the text (quotes kept).
    const segment = code.slice(segmentStart, i);
    const entryStart = segmentStart + segment.length - segment.trimStart().length;
    const valueEnd = segmentStart + segment.trimEnd().length;
    const m = /^(['"]?)([A-Za-z_$][\w$-]*)\1\s*:\s*/.exec(text.slice(entryStart, valueEnd));
    if (m) out.push({ key: m[2], entry: { start: entryStart, end: valueEnd }, value: { start: entryStart + m[0].length, end: valueEnd } });
    segmentStart = i + 1;
  }
  return out;
}

function readConstants(text: string, lexed: Lexed, object: Span, prefix: string): PortConstant[] {
  const out: PortConstant[] = [];
  for (const { key, entry, value } of objectEntries(text, lexed.code, object)) {
    if (lexed.code[value.start] === '{' && !prefix) {
      out.push(...readConstants(text, lexed, { start: value.start, end: closingBracket(lexed.code, value.start) }, `${key}.`));
      continue;
    }
    const literal = portLiteral(text, value);
    if (!literal) continue;
    const description = trailingComment(text, lexed, value.end);
    out.push({ name: prefix + key, ...literal, entrySpan: entry, ...(description ? { description } : {}) });
  }
  return out;
}

/** `5555`, `'5555'`, or the fallback of `process.env.X || 5555`. */
function portLiteral(text: string, value: Span): { port: number; span: Span } | undefined {
  const source = text.slice(value.start, value.end);
  const m = /^(['"]?)(\d{1,5})\1$/.exec(source) ?? /(?:\|\||\?\?)\s*(['"]?)(\d{1,5})\1\s*\)?$/.exec(source);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const start = value.start + (m.index ?? 0) + m[0].indexOf(m[2]);
  return { port, span: { start, end: start + m[2].length } };
}

/** The `// comment` on the same line after `offset` (past a trailing comma). */
function trailingComment(text: string, lexed: Lexed, offset: number): string | undefined {
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const comment = lexed.comments.find((c) => c.span.start >= offset && c.span.start < lineEnd);
  return comment?.text || undefined;
}

function resolveConstant(path: string, byName: ReadonlyMap<string, PortConstant>): PortConstant | undefined {
  return byName.get(path) ?? byName.get(path.split('.')[0]);
}

/**
 * The app objects of `apps: [ {...}, {...} ]`, or of `"apps": [...]` in the JSON form: the key is
 * looked for in the text, and only counts where the blanked code still has its first character
 * (not inside a comment or a string).
 */
function findApps(text: string, code: string): Span[] {
  const re = /(?:\bapps|(['"])apps\1)\s*:\s*\[/g;
  let m: RegExpExecArray | null;
  for (m = re.exec(text); m && code[m.index] !== text[m.index]; m = re.exec(text));
  if (!m) return [];
  const open = m.index + m[0].length - 1;
  const close = closingBracket(code, open);
  const apps: Span[] = [];
  for (let i = open + 1; i < close - 1; i++) {
    if (code[i] !== '{') continue;
    const end = closingBracket(code, i);
    apps.push({ start: i, end });
    i = end - 1;
  }
  return apps;
}

/** An app object's `name` entry and its value ('unnamed-app' when it has none). */
function appNameEntry(text: string, lexed: Lexed, body: Span) {
  const nameEntry = objectEntries(text, lexed.code, body).find((e) => e.key === 'name');
  const name = nameEntry ? /^(['"`])(.*)\1$/.exec(text.slice(nameEntry.value.start, nameEntry.value.end))?.[2] : undefined;
  return { nameEntry, name: name ?? 'unnamed-app' };
}

function readApp(text: string, lexed: Lexed, body: Span, constants: ReadonlyMap<string, PortConstant>, otherApps: readonly string[]): EcosystemApp {
  const entries = objectEntries(text, lexed.code, body);
  const { nameEntry, name: appName } = appNameEntry(text, lexed, body);
  const found: Omit<AppPortSite, 'label'>[] = [];
  for (const env of entries.filter((e) => /^env(?:_\w+)?$/.test(e.key) && lexed.code[e.value.start] === '{')) {
    const object = { start: env.value.start, end: closingBracket(lexed.code, env.value.start) };
    for (const { key, entry, value } of objectEntries(text, lexed.code, object)) {
      // PortOS's keys, and any other key naming the app's own port (`WS_PORT`, `PORTOS_HTTP_PORT`), not a peer's.
      if (!(key in PORT_ENV_KEYS) && !isListenKey(key, { ownName: appName, siblings: otherApps })) continue;
      const site = resolveSite(text, lexed.code, value, constants);
      if (site) found.push({ key, ...site, entrySpan: entry });
    }
  }
  for (const args of entries.filter((e) => e.key === 'args')) {
    const source = text.slice(args.value.start, args.value.end);
    for (const m of source.matchAll(/--port(?:[=\s]+|['"]\s*,\s*['"])(\d{1,5}\b|\$\{\s*PORTS(?:\.[A-Za-z_$][\w$]*){1,2}\s*\})/g)) {
      const start = args.value.start + (m.index ?? 0);
      const value = { start: start + m[0].length - m[1].length, end: start + m[0].length };
      const site = resolveSite(text, lexed.code, value, constants);
      if (site) found.push({ key: '--port', ...site, entrySpan: { start, end: value.end } });
    }
  }
  const hasCdp = found.some((s) => s.key === 'CDP_PORT');
  const sites: AppPortSite[] = [];
  for (const site of found) {
    const label = site.key === 'PORT' ? portLabel(appName, hasCdp) : site.key === '--port' ? 'ui' : PORT_ENV_KEYS[site.key] ?? keyLabel(site);
    if (!sites.some((s) => s.label === label)) sites.push({ ...site, label });
  }
  const cwd = stringValue(text, entries.find((e) => e.key === 'cwd')?.value);
  const scriptValue = stringValue(text, entries.find((e) => e.key === 'script')?.value);
  const folder = appFolder(cwd, scriptValue);
  const script = scriptFile(cwd, scriptValue);
  const instances = instanceCount(text, entries.find((e) => e.key === 'instances')?.value);
  const incrementVar = stringValue(text, entries.find((e) => e.key === 'increment_var')?.value);
  return {
    name: appName,
    nameSpan: nameEntry?.entry ?? { start: body.start, end: body.start + 1 },
    sites,
    ...(folder ? { folder } : {}),
    ...(script ? { script } : {}),
    ...(instances ? { instances } : {}),
    ...(incrementVar ? { incrementVar } : {}),
  };
}

/** `4` or `'4'`; `'max'`, `0` and `-1` depend on the machine's CPUs, so they give no count. */
function instanceCount(text: string, span: Span | undefined): number | undefined {
  const m = span && /^(['"]?)(\d{1,4})\1$/.exec(text.slice(span.start, span.end).trim());
  const n = m ? Number(m[2]) : 0;
  return n > 1 ? n : undefined;
}

/** A string, template or `__dirname`-based value, with `__dirname` meaning the ecosystem file's folder. */
function stringValue(text: string, span: Span | undefined): string | undefined {
  if (!span) return undefined;
  const raw = text.slice(span.start, span.end).trim();
  if (raw === '__dirname') return '.';
  const joined = /^path\.(?:join|resolve)\(\s*__dirname\s*,\s*(['"`])([^'"`]*)\1\s*\)$/.exec(raw);
  if (joined) return joined[2];
  const quoted = /^(['"`])(.*)\1$/.exec(raw);
  return quoted ? quoted[2].replace(/^\$\{__dirname\}\/?/, '') : undefined;
}

/** `cwd` plus the script's folder, unless the script is a tool from node_modules (then the code is in `cwd`). */
function appFolder(cwd: string | undefined, script: string | undefined): string | undefined {
  const base = cwd && !cwd.startsWith('/') ? cwd : '.';
  const scriptDir = script && !script.startsWith('/') && !script.includes('node_modules') && script.includes('/') ? script.slice(0, script.lastIndexOf('/')) : '';
  const folder = [base, scriptDir].filter((p) => p && p !== '.').join('/').replace(/^\.\//, '');
  return folder || undefined;
}

/** `cwd` + `script` when the script is a file of the workspace (not `npm`, not a tool in node_modules, not absolute). */
function scriptFile(cwd: string | undefined, script: string | undefined): string | undefined {
  if (!script || script.startsWith('/') || script.includes('node_modules') || !/\.[cm]?[jt]sx?$|\.py$|\.sh$/.test(script)) return undefined;
  const base = cwd && !cwd.startsWith('/') ? cwd : '.';
  return [base, script].filter((p) => p && p !== '.').join('/').replace(/^\.\//, '');
}

/** A label for any other port key: the PORTS constant's own (`API_LOCAL` → `api-local`), else the key's (`WS_PORT` → `ws`). */
function keyLabel(site: Omit<AppPortSite, 'label'>): string {
  if (site.constant) return constantLabel(site.constant.name);
  return site.key.replace(/_PORTS?$/, '').toLowerCase().replace(/_/g, '-');
}

/** PortOS's label for an app's `PORT`. */
function portLabel(app: string, hasCdp: boolean): string {
  if (/-(?:ui|client)$/.test(app)) return 'ui';
  if (/-browser$/.test(app) && hasCdp) return 'health';
  return 'api';
}

/** A port value: `PORTS.API`, `${PORTS.UI}`, `String(PORTS.API)`, or a literal. */
function resolveSite(text: string, code: string, value: Span, constants: ReadonlyMap<string, PortConstant>): Pick<AppPortSite, 'port' | 'span' | 'constant'> | undefined {
  const reference = /\bPORTS((?:\.[A-Za-z_$][\w$]*){1,2})/.exec(code.slice(value.start, value.end));
  if (reference) {
    const constant = resolveConstant(reference[1].slice(1), constants);
    return constant && { port: constant.port, span: constant.span, constant };
  }
  return portLiteral(text, value);
}
