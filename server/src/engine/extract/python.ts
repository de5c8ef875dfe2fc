import type { Span } from '../text';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { addressLiteral } from '../syntax/hosts';
import { PYTHON, bracketEnd, groupStart, isMinified, linePrefix, matchesOf, scanSource } from '../syntax/lexer';
import { portNameRole } from '../syntax/names';
import { findSettingDefaults } from '../syntax/settingDefaults';
import { lineEndAt } from '../syntax/windows';
import { kindForRole, kindIn, type OccurrenceKind } from './occurrence';
import { addStringReferences, lookBeforeLexing } from './stringLiterals';

/**
 * Python: env defaults (`os.getenv("PORT", "3026")`, `getenv_int("PORT", 8080)`,
 * `config.get('port', 8080)`, `getattr(settings, "PORT", 8000)`), `port=` in server runners
 * (`uvicorn.run`, `app.run`, `web.run_app`), argparse/click `--port` defaults, module and
 * settings constants, gunicorn/hypercorn `bind` settings, `socket.bind(("", 8000))`, waitress
 * `listen=`, gRPC `add_insecure_port`, and URLs in strings.
 */

/** `os.getenv("PORT", "3026")`, `os.environ.get('PORT', 8000)`, `config("PORT", default=8000)`: group 1 key, 2 port. */
const ENV_DEFAULT =
  /\b(?:os\.getenv|getenv|(?:os\.)?environ\.(?:get|setdefault)|env(?:\.int|\.str)?|config)\(\s*['"](\w+)['"]\s*,\s*(?:default\s*=\s*)?(?:int\(\s*)?['"]?(\d{2,5})(?![\w.])['"]?\s*\)?\s*[,)]/dg;
/** `os.getenv("PORT") or 8080`: group 1 key, 2 port. */
const ENV_OR = /\b(?:getenv|environ\.get)\(\s*['"](\w+)['"]\s*\)\s*or\s*['"]?(\d{2,5})(?![\w.])/dg;
/** `getattr(settings, "PORT", 8000)`: group 2 name, 3 port. */
const GETATTR_DEFAULT = /\bgetattr\(\s*[\w.]+\s*,\s*(['"])(\w+)\1\s*,\s*['"]?(\d{2,5})(?![\w.])['"]?\s*\)/dg;
/** Calls that start a server; their `port=` is the process's own. */
const SERVER_CALL =
  /\b(?:uvicorn\.run|hypercorn\.run|\w+\.run|web\.run_app|run_app|serve|run_simple|make_server|(?:Threading)?HTTPServer|TCPServer|create_server|start_server|start_http_server)\s*\(/g;
/** `port=8000` inside a call: group 1 name, 2 port. */
const PORT_KWARG = /[(,]\s*(\w*port)\s*=\s*(?:int\(\s*)?['"]?(\d{2,5})(?![\w.])/dg;
/** First positional port in `make_server('', 8000, app)`, `HTTPServer(('', 8000), H)`, `start_http_server(8000)`. */
const POSITIONAL_PORT = /^\(\s*(?:\(\s*)?(?:['"][^'"\n]*['"]\s*,\s*)?(\d{2,5})(?![\w.])\s*[,)]/d;
/** `parser.add_argument("--port", type=int, default=8000)`, `@click.option('--port', default=8000)`: group 2 flag, 3 port. */
const PORT_OPTION =
  /\b(?:add_argument|option)\(\s*(?:['"]-\w['"]\s*,\s*)?(['"])(--?[\w-]*port)\1(?:(?!add_argument|option\()[\s\S]){0,300}?\bdefault\s*=\s*(?:int\(\s*)?['"]?(\d{2,5})(?![\w.])/dg;
/** `PORT = 8000`, `port: int = 8000` at module or class level: group 1 indent, 2 name, 3 port. */
const CONSTANT = /^([ \t]*)([A-Za-z_]\w*)\s*(?::\s*\w+\s*)?=\s*(?:int\(\s*)?['"]?(\d{2,5})(?![\w.])['"]?\)?[ \t]*$/dgm;
/**
 * A gunicorn or hypercorn bind setting: `bind = …` at module level (a gunicorn config file),
 * `config.bind = …` (hypercorn's `Config`), `'bind': …` in an options dict (a gunicorn custom
 * application). Group 1 or 2 names the setting; the value follows the match.
 */
const BIND_SETTING = /^(?:[ \t]*[A-Za-z_]\w*\.)?((?:insecure_|quic_)?bind)[ \t]*=(?!=)[ \t]*|['"]((?:insecure_|quic_)?bind)['"][ \t]*:[ \t]*/dgm;
/** A string literal on one line (prefixes such as `f` allowed): group 2 its content. */
const STRING_LITERAL = /(?<![\w])[fFrRbBuU]{0,2}(['"])((?:(?!\1)[^\\\n]|\\.){0,300})\1/dg;
/** The host written before an interpolated port: `f"0.0.0.0:{…}"`, `"0.0.0.0:" + …`, `"%s:%s" % …` has none. */
const HOST_BEFORE_PORT = /(['"])(\[[0-9a-fA-F:.]*\]|[\w.*-]*):(?:\{|\1)/;
/** A raw socket server: `sock.bind(("0.0.0.0", 8000))`: group 2 host, 3 port. */
const SOCKET_BIND = /\.bind\(\s*\(\s*(['"])([^'"\n]*)\1\s*,\s*(\d{2,5})(?![\w.])\s*\)/dg;
/** waitress `serve(app, listen="*:8080 [::]:8080")`: group 2 the addresses. */
const LISTEN_KWARG = /[(,]\s*listen\s*=\s*(['"])([^'"\n]{1,300})\1/dg;
/** gRPC `server.add_insecure_port('[::]:50051')`: group 1 host, 2 port. */
const GRPC_PORT = /\badd_(?:insecure|secure)_port\(\s*[fr]?['"]([^'"\n]*):(\d{2,5})['"]/dg;

/**
 * Besides a `host:port` or URL string and a port name (settings, constants, options, `port=`), what
 * the reader's patterns need: `bind` (bind settings, `socket.bind`), an env read with a default, or
 * a server call (its positional port and `listen=`).
 */
const MAY_HOLD_PORTS = lookBeforeLexing(
  'bind',
  String.raw`environ\.|env(?:\.int|\.str)?\(|config\(`, // `getenv(` ends in `env(`
  String.raw`\.run\s*\(|run_app\s*\(|run_simple\s*\(|serve\s*\(|_server\s*\(|(?:HTTP|TCP)Server\s*\(`,
);

export const pythonExtractor: Extractor = {
  id: 'python',
  matches: (path) => /\.pyw?$/i.test(path),
  extract(file, out) {
    if (!MAY_HOLD_PORTS.test(file.text) || isMinified(file.text)) return;
    const { code, strings } = scanSource(file.text, PYTHON);
    const serverCalls = callArguments(code, SERVER_CALL);
    const bind = kindIn(file.path, 'bind');
    for (const m of matchesOf(GRPC_PORT, code)) out.addAt(groupStart(m, 2), m[2], bind, { host: m[1] || undefined });
    addBindSettings(code, bind, out);
    for (const m of matchesOf(SOCKET_BIND, code)) out.addAt(groupStart(m, 3), m[3], bind, { host: m[2] || undefined });
    addServerCallPorts(code, serverCalls, bind, out);
    addEnvDefaults(file, code, serverCalls, out);
    addSettingDefaults(file, code, serverCalls, out);
    addPortOptions(file, code, out);
    addConstants(file, code, out);
    addOtherKwargs(file, code, out);
    addStringReferences(out, code, strings);
  },
};

/** Spans of the argument lists (from `(` to `)`) of every call the regex finds. */
function callArguments(code: string, call: RegExp): Span[] {
  const spans: Span[] = [];
  call.lastIndex = 0;
  for (let m = call.exec(code); m; m = call.exec(code)) {
    const open = m.index + m[0].length - 1;
    spans.push({ start: open, end: closingParen(code, open) });
  }
  return spans;
}

function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < Math.min(code.length, open + 5000); i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i + 1;
  }
  return Math.min(code.length, open + 5000);
}

const inside = (spans: readonly Span[], offset: number): boolean => spans.some((s) => s.start <= offset && offset < s.end);

function addServerCallPorts(code: string, calls: readonly Span[], bind: OccurrenceKind, out: OccurrenceSink): void {
  for (const call of calls) {
    const args = code.slice(call.start, call.end);
    const positional = POSITIONAL_PORT.exec(args);
    if (positional) out.addAt(call.start + positional.indices![1][0], positional[1], bind);
    for (const m of matchesOf(PORT_KWARG, args)) {
      if (portNameRole(m[1]) === 'own') out.addAt(call.start + groupStart(m, 2), m[2], bind);
    }
    for (const m of matchesOf(LISTEN_KWARG, args)) addAddressList(m[2], call.start + groupStart(m, 2), bind, out);
  }
}

/**
 * `bind = ['0.0.0.0:8001', '[::]:8001']`, `bind = f"0.0.0.0:{os.getenv('PORT', '8005')}"`: each
 * address is a listener of the process the config starts. A Unix socket (`unix:/run/app.sock`) and a
 * file descriptor (`fd://3`) have no port; `quic_bind` (hypercorn's HTTP/3) listens on UDP.
 */
function addBindSettings(code: string, bind: OccurrenceKind, out: OccurrenceSink): void {
  for (const m of matchesOf(BIND_SETTING, code)) {
    const protocol = (m[1] ?? m[2]).startsWith('quic') ? 'udp' : undefined;
    const value = settingValue(code, m.index + m[0].length);
    for (const s of matchesOf(STRING_LITERAL, value.text)) {
      const address = addressLiteral(s[2]);
      if (address) out.addAt(value.offset + groupStart(s, 2) + address.portOffset, address.portText, bind, { host: listenHost(s[2], address), protocol });
    }
    // The port may come from the environment: the env default is then the listener's port.
    const host = HOST_BEFORE_PORT.exec(value.text)?.[2] || undefined;
    for (const e of matchesOf(ENV_DEFAULT, value.text)) out.addAt(value.offset + groupStart(e, 2), e[2], bind, { host, key: e[1], protocol });
  }
}

/** A setting's value: a bracketed list (possibly over lines, bounded), else the rest of the line. */
function settingValue(code: string, start: number): { text: string; offset: number } {
  const end = ('[('.includes(code[start]) && bracketEnd(code, start, 2000)) || lineEndAt(code, start);
  return { text: code.slice(start, end), offset: start };
}

/** `*:8080 [::]:8080`, whitespace-separated, each a listener. */
function addAddressList(text: string, offset: number, bind: OccurrenceKind, out: OccurrenceSink): void {
  for (const word of text.matchAll(/\S+/g)) {
    const address = addressLiteral(word[0]);
    if (address) out.addAt(offset + (word.index ?? 0) + address.portOffset, address.portText, bind, { host: listenHost(word[0], address) });
  }
}

/** The host a listen address names, unset when it names none (`:8000`). */
function listenHost(text: string, address: { host: string; portOffset: number }): string | undefined {
  return text.startsWith(':') ? undefined : address.host;
}

function addEnvDefaults(file: SourceFile, code: string, serverCalls: readonly Span[], out: OccurrenceSink): void {
  for (const re of [ENV_DEFAULT, ENV_OR]) {
    for (const m of matchesOf(re, code)) {
      const key = m[1];
      out.addAt(groupStart(m, 2), m[2], kindIn(file.path, envDefaultKind(code, m.index, key, serverCalls)), { key });
    }
  }
}

/**
 * Any other helper with a default (`getenv_int("PORT", 8080)`, `int_env("ADMIN_PORT", 4043)`,
 * `config.get('smtp_port', 25)`, `getattr(settings, "PORT", 8000)`): the name decides, unless the
 * value is handed straight to a server call (`web.run_app(app, port=config.get('port', 8080))`).
 */
function addSettingDefaults(file: SourceFile, code: string, serverCalls: readonly Span[], out: OccurrenceSink): void {
  const found = [...findSettingDefaults(code), ...getattrDefaults(code)];
  for (const d of found) {
    const role = portNameRole(d.name);
    if (!role) continue;
    const kind = inside(serverCalls, d.callStart) ? 'bind' : kindForRole(role);
    out.addAt(d.digitsStart, d.digits, kindIn(file.path, kind), { key: d.name });
  }
}

/** `getattr(settings, "PORT", 8000)`: Django's way of reading a setting with a default. */
function getattrDefaults(code: string): { name: string; digits: string; digitsStart: number; callStart: number }[] {
  const out = [];
  for (const m of matchesOf(GETATTR_DEFAULT, code)) out.push({ name: m[2], digits: m[3], digitsStart: groupStart(m, 3), callStart: m.index });
  return out;
}

/** `PORT` binds; another service's `X_PORT` binds only when it feeds a server call or a `port` variable. */
function envDefaultKind(code: string, offset: number, key: string, serverCalls: readonly Span[]): OccurrenceKind {
  if (portNameRole(key) === 'own' || inside(serverCalls, offset)) return 'bind';
  const target = /\b(\w+)\s*(?::\s*\w+\s*)?=\s*(?:int\(\s*)?$/.exec(linePrefix(code, offset));
  return target && portNameRole(target[1]) === 'own' ? 'bind' : 'reference';
}

function addPortOptions(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesOf(PORT_OPTION, code)) {
    const role = portNameRole(m[2]);
    if (role) out.addAt(groupStart(m, 3), m[3], kindIn(file.path, kindForRole(role)));
  }
}

function addConstants(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesOf(CONSTANT, code)) {
    const role = portNameRole(m[2]);
    if (!role || (m[1] && !inClassBody(code, m.index))) continue;
    const key = /^[A-Z][A-Z0-9_]*$/.test(m[2]) ? m[2] : undefined;
    out.addAt(groupStart(m, 3), m[3], kindIn(file.path, kindForRole(role)), { key });
  }
}

/**
 * True when the indented line at `offset` belongs to a class body (pydantic settings, dataclass
 * config), not to a function where `port = 8080` is a local of who knows what.
 */
function inClassBody(code: string, offset: number): boolean {
  const indent = /^[ \t]*/.exec(code.slice(offset))![0].length;
  const before = code.slice(0, offset).split('\n').reverse();
  for (const line of before) {
    if (!line.trim()) continue;
    const lineIndent = /^[ \t]*/.exec(line)![0].length;
    if (lineIndent < indent) return /^\s*class\s/.test(line);
  }
  return false;
}

/** `Redis(host='redis', port=6379)`, `connect(port=5432)`: a port handed to a client. */
function addOtherKwargs(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesOf(PORT_KWARG, code)) {
    if (portNameRole(m[1])) out.addAt(groupStart(m, 2), m[2], kindIn(file.path, 'reference'));
  }
}
