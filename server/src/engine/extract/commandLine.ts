import { addEnvVar, isWildcardHost, referenceDetails, type EnvContext } from './envVars';
import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import { portValue } from './portText';
import { addUrls } from './urls';

/**
 * Ports in command lines: npm scripts, Compose `command:`, Dockerfile `CMD`. A command may come
 * as one string or as exec-form pieces (`["gunicorn", "-b", ":8000"]`); each piece keeps its
 * file offset so that spans stay exact.
 */
export interface CommandPiece {
  readonly text: string;
  readonly offset: number;
}

interface Token {
  readonly text: string;
  readonly offset: number;
}

/** Tools whose `-p` means port; elsewhere it is `mkdir -p`, `cp -p`, `tsc -p tsconfig.json`. */
const SHORT_P_TOOLS = new Set([
  'next', 'vite', 'serve', 'http-server', 'webpack-dev-server', 'json-server', 'live-server', 'nuxt', 'nuxi',
  'astro', 'gatsby', 'parcel', 'start-storybook', 'storybook', 'rails', 'flask', 'hugo', 'sirv', 'ws',
]);
/** `--port`, `--http-port`, `--server.port`: the process's own listener (not `--redis-port`). */
const PORT_FLAG = /^--(?:(?:http|https|grpc|listen|server|metrics|admin|web|api|debug)[.-])?port$/i;
const JAVA_PORT_PROPERTY = /^-D(?:[\w-]+\.)*server\.port$/;
/** Flags whose value is `[host:]port`, including Node's debugger (`--inspect=0.0.0.0:9229`). */
const BIND_FLAG = /^(?:-b|--bind|--listen|--inspect|--inspect-brk)$/;
/** `--entrypoints.web.address=:80`, `--web.listen-address`, `--pandaproxy-addr`: listeners only with a wildcard host. */
const ADDRESS_FLAG = /^--(?:[\w-]+\.)*[\w-]*addr(?:ess)?$/i;
/** `curl -f localhost:8080/health`, `wait-on tcp:localhost:3000`: a client of a local port, no (known) scheme. */
const LOCAL_ADDRESS = /(?<![\w.-])(localhost|127\.0\.0\.1):(\d{1,5})(?![\d.])/g;
/** `python -m http.server 8000`, `manage.py runserver 0.0.0.0:8000`: the address is positional. */
const POSITIONAL_ADDRESS_COMMAND = /^(?:http\.server|SimpleHTTPServer|runserver)$/;
const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/;
const BIND_ADDRESS = /^(\[[0-9a-f:.]+\]|[\w.-]+)?:(\d{1,5})$/i;
const TOKEN = /[^\s"'`,[\]();|&\\]+|[;|&]+/g;

export function addCommandPorts(sink: OccurrenceSink, pieces: readonly CommandPiece[], ctx: EnvContext): void {
  const tokens = pieces.flatMap(tokenize);
  let tools = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const { text } = tokens[i];
    if (/^[;|&]+$/.test(text)) {
      tools = new Set();
      continue;
    }
    const next = tokens[i + 1];
    const eq = text.indexOf('=');
    const flag = eq > 0 && text.startsWith('-') ? text.slice(0, eq) : text;
    const attached = eq > 0 && text.startsWith('-') ? { text: text.slice(eq + 1), offset: tokens[i].offset + eq + 1 } : undefined;
    const value = attached ?? next;
    if (isPortFlag(flag, tools)) {
      if (value) addPortToken(sink, value, ctx);
    } else if (BIND_FLAG.test(flag) || POSITIONAL_ADDRESS_COMMAND.test(text)) {
      if (value) addBindAddress(sink, value, ctx);
    } else if (ADDRESS_FLAG.test(flag)) {
      if (value) addWildcardAddress(sink, value, ctx);
    } else if (!text.startsWith('-')) {
      const assignment = ASSIGNMENT.exec(text);
      if (assignment) addEnvVar(sink, assignment[1], assignment[2], tokens[i].offset + assignment[1].length + 1, ctx);
      else tools.add(text.slice(text.lastIndexOf('/') + 1));
    }
  }
  addCommandReferences(sink, pieces, ctx.details);
}

/** URLs and `localhost:N` in a command: the ports it talks to (health checks, `wait-on`). */
export function addCommandReferences(sink: OccurrenceSink, pieces: readonly CommandPiece[], details?: OccurrenceDetails): void {
  const asReference = referenceDetails(details);
  for (const piece of pieces) {
    addUrls(sink, piece.text, piece.offset, asReference);
    LOCAL_ADDRESS.lastIndex = 0;
    for (let m = LOCAL_ADDRESS.exec(piece.text); m; m = LOCAL_ADDRESS.exec(piece.text)) {
      sink.addAt(piece.offset + m.index + m[1].length + 1, m[2], 'reference', { ...asReference, host: m[1] });
    }
  }
}

function isPortFlag(flag: string, tools: ReadonlySet<string>): boolean {
  if (PORT_FLAG.test(flag) || JAVA_PORT_PROPERTY.test(flag)) return true;
  return flag === '-p' && [...tools].some((t) => SHORT_P_TOOLS.has(t));
}

function addPortToken(sink: OccurrenceSink, token: Token, ctx: EnvContext): void {
  const port = portValue(token.text);
  if (port) sink.addAt(token.offset + port.index, port.digits, ctx.listenKind, ctx.details);
}

/** `0.0.0.0:8000`, `:8000`, `[::]:8000` or `8000` after `-b`/`--bind` (a Unix socket matches neither). */
function addBindAddress(sink: OccurrenceSink, token: Token, ctx: EnvContext): void {
  const m = BIND_ADDRESS.exec(token.text);
  if (!m) return addPortToken(sink, token, ctx);
  sink.addAt(token.offset + token.text.length - m[2].length, m[2], ctx.listenKind, { ...ctx.details, host: m[1] });
}

function addWildcardAddress(sink: OccurrenceSink, token: Token, ctx: EnvContext): void {
  const m = BIND_ADDRESS.exec(token.text);
  if (m && isWildcardHost(m[1] ?? '')) addBindAddress(sink, token, ctx);
}

function tokenize(piece: CommandPiece): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(piece.text); m; m = TOKEN.exec(piece.text)) out.push({ text: m[0], offset: piece.offset + m.index });
  return out;
}
