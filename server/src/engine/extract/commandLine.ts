import { composeFilesOf } from '../syntax/composeCommands';
import { basename, dirname, joinPath } from '../util/paths';
import { isWildcardHost, LOOPBACK_HOST_PATTERN } from '../syntax/hosts';
import { portNameRole } from '../syntax/names';
import { portValue } from '../syntax/portText';
import { addEnvVar, referenceDetails, type EnvContext } from './envVars';
import type { EnvCopy, OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';

/**
 * Ports in command lines, wherever they are written: shell scripts, npm scripts, Compose
 * `command:`, Kubernetes `args:`, Dockerfile `CMD`. A command may come as one string or as
 * exec-form pieces (`["gunicorn", "-b", ":8000"]`); each piece keeps its file offset so that
 * spans stay exact. What a port means depends on the program: a server's `--port` is its
 * listener, `docker run -p 8080:80` publishes 8080 and exposes 80 in the container it starts,
 * `ssh -p 22` is a client of someone else's port, `mkdir -p` is no port at all.
 */
export interface CommandPiece {
  readonly text: string;
  readonly offset: number;
}

interface Token {
  readonly text: string;
  readonly offset: number;
}

/** Where one command's ports belong. */
interface CommandScope {
  /** The kind of the ports given to the program: its own listener, a container's, or a client's reference. */
  readonly portKind: OccurrenceKind;
  /** For `KEY=value` assignments, with the program path as owner when the command runs a workspace file. */
  readonly env: EnvContext;
  /** Set when the command starts a container here (`docker run`): the machine's side of `-p` and the container's env. */
  readonly container?: EnvContext;
}

/** Tools whose `-p` means their listening port; elsewhere it is `mkdir -p`, `cp -p`, `tsc -p tsconfig.json`. */
const SHORT_P_SERVERS = new Set([
  'next', 'vite', 'serve', 'http-server', 'webpack-dev-server', 'json-server', 'live-server', 'nuxt', 'nuxi',
  'astro', 'gatsby', 'parcel', 'start-storybook', 'storybook', 'rails', 'puma', 'rackup', 'flask', 'hugo', 'sirv', 'ws',
  'redis-server', 'memcached', 'daphne', 'unicorn', 'thin', 'sanic',
]);
/** Programs that connect to a port rather than serve one: their `-p`, `-P` and `--port` are references. */
const CLIENTS = new Set([
  'psql', 'pg_isready', 'pg_dump', 'pg_restore', 'mysql', 'mysqladmin', 'mysqldump', 'redis-cli', 'mongo', 'mongosh',
  'ssh', 'scp', 'sftp', 'rsync', 'nc', 'ncat', 'telnet', 'curl', 'wget', 'grpcurl', 'wait-for-it', 'wait-for-it.sh',
]);
/** Words that only prefix the real program (`sudo`, `npx`, `poetry run`). */
const PREFIXES = new Set(['sudo', 'exec', 'env', 'nohup', 'time', 'command', 'npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'uv', 'poetry', 'pipenv', 'run', 'bundle', 'dlx']);
const CONTAINER_RUNTIMES = new Set(['docker', 'podman', 'nerdctl']);
/** `--port`, `--http-port`, `--server.port`: the process's own listener, even where the name alone would not say so (`--api-port`). */
const PORT_FLAG = /^--(?:(?:http|https|grpc|listen|server|metrics|admin|web|api|debug)[.-])?port$/i;
const JAVA_PORT_PROPERTY = /^-D(?:[\w-]+\.)*server\.port$/;
/** Flags that open a debugging or control port of the program started (Chromium's `--remote-debugging-port`, Node's `--inspect-port`). */
const SELF_PORT_FLAG = /^--(?:remote-debugging|inspect|devtools)-port$/;
/** Flags whose value is `[host:]port`, including Node's debugger (`--inspect=0.0.0.0:9229`) and hypercorn's `--insecure-bind`. */
const BIND_FLAG = /^(?:-b|--bind|--insecure-bind|--listen|--inspect|--inspect-brk)$/;
/** hypercorn's HTTP/3 listener: `[host:]port` on UDP. */
const QUIC_BIND_FLAG = '--quic-bind';
/**
 * uWSGI's listeners (`uwsgi --http :8000`, `--socket 127.0.0.1:3031` for nginx's `uwsgi_pass`,
 * `--https :8443,cert,key`, split at the comma by the tokenizer): `[host:]port`, or a Unix socket
 * path (no port). Only for uwsgi: elsewhere `--socket` and `--http` mean other things.
 */
const UWSGI_SOCKET_FLAG = /^--(?:https?|https?-socket|http11-socket|socket|uwsgi-socket|fastcgi-socket|scgi-socket|shared-socket|stats)$/;
/** `--entrypoints.web.address=:80`, `--web.listen-address`, `--pandaproxy-addr`: listeners only with a wildcard host. */
const ADDRESS_FLAG = /^--(?:[\w-]+\.)*[\w-]*addr(?:ess)?$/i;
/** `curl -f localhost:8080/health`, `wait-on tcp:localhost:3000`: a client of a local port, no (known) scheme. */
const LOCAL_ADDRESS = new RegExp(String.raw`(?<![\w.-])(${LOOPBACK_HOST_PATTERN}):(\d{1,5})(?![\d.])`, 'g');
/** `python -m http.server 8000`, `manage.py runserver 0.0.0.0:8000`: the address is positional. */
const POSITIONAL_ADDRESS_COMMAND = /^(?:http\.server|SimpleHTTPServer|runserver)$/;
const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/;
const BIND_ADDRESS = /^(\[[0-9a-f:.]+\]|\*|[\w.-]+)?:(\d{1,5})$/i;
/** `docker run -p [ip:]H[-H2]:C[-C2][/proto]` or `-p C`: group 1 host address, 2 machine side, 3 container side. */
const PUBLISH_SPEC = /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]*\]):)?(?:(\d{1,5}(?:-\d{1,5})?):)?(\d{1,5}(?:-\d{1,5})?)(?:\/\w+)?$/i;
/** `kubectl port-forward` arguments: `8080:80`, `:80`, `8080`. */
const FORWARD_SPEC = /^(\d{1,5})?(?::(\d{1,5}))?$/;
/** Words, and `;`, `|`, `&` runs that end a command. A bracketed IPv6 host (`[::]:8000`) stays in its word. */
const TOKEN = /(?:[^\s`,[\]();|&\\]|\[[0-9a-f:.]*\](?=:\d))+|[;|&]+/gi;
const SEPARATOR = /^[;|&]+$/;

export function addCommandPorts(sink: OccurrenceSink, pieces: readonly CommandPiece[], ctx: EnvContext): void {
  for (const command of commandsOf(pieces.flatMap(tokenize))) addOneCommand(sink, command, ctx);
  addCommandReferences(sink, pieces, ctx.details);
}

/** URLs and `localhost:N` in a command: the ports it talks to (health checks, `wait-on`). */
export function addCommandReferences(sink: OccurrenceSink, pieces: readonly CommandPiece[], details?: OccurrenceDetails): void {
  const asReference = referenceDetails(details);
  for (const piece of pieces) {
    // A URL and a `localhost:N` both hold a colon; most words do not.
    if (!piece.text.includes(':')) continue;
    sink.addUrls(piece.text, piece.offset, asReference);
    LOCAL_ADDRESS.lastIndex = 0;
    for (let m = LOCAL_ADDRESS.exec(piece.text); m; m = LOCAL_ADDRESS.exec(piece.text)) {
      sink.addAt(piece.offset + m.index + m[1].length + 1, m[2], 'reference', { ...asReference, host: m[1] });
    }
  }
}

function addOneCommand(sink: OccurrenceSink, tokens: readonly Token[], ctx: EnvContext): void {
  const words = tokens.map((t) => t.text);
  const scope = scopeOf(words, ctx);
  if (ctx.listenKind === 'bind') noteWhatItRuns(sink, words);
  const tools = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // `wait-for-it db:5432 -- node server.js`: what follows `--` is another program's.
    if (token.text === '--') tools.clear();
    const eq = token.text.indexOf('=');
    const isFlag = token.text.startsWith('-');
    const flag = eq > 0 && isFlag ? token.text.slice(0, eq) : token.text;
    const attached = eq > 0 && isFlag ? { text: token.text.slice(eq + 1), offset: token.offset + eq + 1 } : undefined;
    const next = tokens[i + 1]?.text.startsWith('-') ? undefined : tokens[i + 1];
    const value = attached ?? next;
    if (isFlag && value && addFlag(sink, flag, value, scope, tools)) {
      if (!attached) i++;
    } else if (POSITIONAL_ADDRESS_COMMAND.test(token.text) && value) {
      addBindAddress(sink, value, scope.portKind, scope.env.details);
    } else if (!isFlag) {
      const assignment = ASSIGNMENT.exec(token.text);
      if (assignment) addEnvVar(sink, assignment[1], assignment[2], token.offset + assignment[1].length + 1, scope.env);
      else tools.add(basename(token.text));
    }
  }
  const forward = tokens.findIndex((t) => t.text === 'port-forward');
  if (forward >= 0) addForwardedPorts(sink, tokens.slice(forward + 1), scope.env);
}

/**
 * Records what a flag's value says; false when the flag carries no port, so that its value is read
 * as a word. `tools` are the words so far: a client among them (`sh -c "pg_isready -p 5432"`)
 * makes the flag's port a reference, a dev server (`next dev -p 3000`) makes `-p` its port.
 */
function addFlag(sink: OccurrenceSink, flag: string, value: Token, scope: CommandScope, tools: ReadonlySet<string>): boolean {
  const { container } = scope;
  const client = [...tools].some((t) => CLIENTS.has(t));
  const portKind = portFlagKind(flag, client ? 'reference' : scope.portKind, client, tools);
  if (container && (flag === '-p' || flag === '--publish')) {
    addPublishedPorts(sink, value, container);
  } else if (container && (flag === '-e' || flag === '--env')) {
    const assignment = ASSIGNMENT.exec(value.text);
    if (assignment) addEnvVar(sink, assignment[1], assignment[2], value.offset + assignment[1].length + 1, container);
  } else if (portKind) {
    addPortToken(sink, value, portKind, scope.env.details);
  } else if (!client && (BIND_FLAG.test(flag) || (flag === '-S' && tools.has('php')))) {
    addBindAddress(sink, value, scope.portKind, scope.env.details);
  } else if (!client && flag === QUIC_BIND_FLAG) {
    addBindAddress(sink, value, scope.portKind, { ...scope.env.details, protocol: 'udp' });
  } else if (tools.has('uwsgi') && UWSGI_SOCKET_FLAG.test(flag)) {
    addBindAddress(sink, value, scope.portKind, scope.env.details);
  } else if (ADDRESS_FLAG.test(flag)) {
    addWildcardAddress(sink, value, scope.portKind, scope.env.details);
  } else {
    return false;
  }
  return true;
}

/** The kind of the port a flag's value gives, or undefined when the flag is no port flag here. */
function portFlagKind(flag: string, kind: OccurrenceKind, client: boolean, tools: ReadonlySet<string>): OccurrenceKind | undefined {
  if (PORT_FLAG.test(flag) || JAVA_PORT_PROPERTY.test(flag) || SELF_PORT_FLAG.test(flag)) return kind;
  if (flag.startsWith('--')) {
    const role = portNameRole(flag);
    return role === 'other' ? 'reference' : role && kind;
  }
  if (client) return flag === '-p' || flag === '-P' ? kind : undefined;
  return flag === '-p' && [...tools].some((t) => SHORT_P_SERVERS.has(t)) ? kind : undefined;
}

/**
 * Where the program's ports live: a container started here (`docker run`) or by `kubectl` listens
 * inside it, anything else where the command runs. A client runs no workspace program of its own.
 */
function scopeOf(words: readonly string[], ctx: EnvContext): CommandScope {
  const program = programOf(words);
  const inside: EnvContext = { listenKind: containerKind(ctx.listenKind), details: ctx.details };
  if (startsContainer(words)) return { portKind: inside.listenKind, env: ctx, container: inside };
  if (program === 'kubectl') return { portKind: inside.listenKind, env: ctx };
  if (program !== undefined && CLIENTS.has(program)) return { portKind: ctx.listenKind, env: ctx };
  return { portKind: ctx.listenKind, env: withProgramOwner(ctx, programPath(words)) };
}

/**
 * A command run on the machine (a script, an npm script, a Makefile recipe) starts the workspace
 * code it names on its own, and `docker compose -f a -f b` runs those files as one project.
 * Paths are tried from the workspace root and from the file's folder; the topology keeps what exists.
 */
function noteWhatItRuns(sink: OccurrenceSink, words: readonly string[]): void {
  const here = dirname(sink.file.path);
  const compose = composeFilesOf(words);
  const copy = envCopyOf(words);
  if (compose) sink.composeRuns.push(compose.map((f) => joinPath(here, f)));
  else if (copy) sink.envCopies.push(copy);
  else {
    const path = programPath(words);
    if (path) sink.starts.push(joinPath(path), joinPath(here, path));
  }
}

/** `cp env.default .env`, `cp -n .env.sample .env`: the file a project's `.env` starts as. */
function envCopyOf(words: readonly string[]): EnvCopy | undefined {
  if (words[0] !== 'cp') return undefined;
  const paths = words.slice(1).filter((w) => !w.startsWith('-'));
  if (paths.length !== 2 || basename(paths[1]) !== '.env') return undefined;
  return { source: paths[0].replace(/^["']|["']$/g, ''), target: paths[1].replace(/^["']|["']$/g, '') };
}

/** `docker run`, `podman create`, `docker container run`. */
function startsContainer(words: readonly string[]): boolean {
  const runtime = words.findIndex((w) => CONTAINER_RUNTIMES.has(basename(w)));
  if (runtime < 0) return false;
  const verb = words[runtime + 1] === 'container' ? words[runtime + 2] : words[runtime + 1];
  return verb === 'run' || verb === 'create';
}

/** A container listens inside itself; from a command that listens nowhere (a test's), it is a reference too. */
function containerKind(listenKind: OccurrenceKind): OccurrenceKind {
  return listenKind === 'reference' ? 'reference' : 'expose';
}

/** The program a command runs, past env assignments and prefixes such as `sudo` or `npx`. */
function programOf(words: readonly string[]): string | undefined {
  const program = words.find((w) => !ASSIGNMENT.test(w) && !PREFIXES.has(w) && !w.startsWith('-'));
  return program === undefined ? undefined : basename(program);
}

/**
 * The workspace file a command runs (`node services/auth/dist/server.js`): the ports it is given
 * belong to the code there, not to the script that starts it. Paths inside a container (`/app/x`)
 * and a file that names its own owner (package.json `name`, a Compose service) are left alone.
 */
function withProgramOwner(ctx: EnvContext, path: string | undefined): EnvContext {
  if (!path || ctx.details?.ownerHint || ctx.listenKind === 'expose') return ctx;
  return { ...ctx, details: { ...ctx.details, ownerHint: path } };
}

function programPath(words: readonly string[]): string | undefined {
  return words.find((w) => w.includes('/') && !w.includes('=') && !w.startsWith('-') && !/^(https?|\$|~)/.test(w) && !w.startsWith('/'));
}

function addPortToken(sink: OccurrenceSink, token: Token, kind: OccurrenceKind, details?: OccurrenceDetails): void {
  const port = portValue(token.text);
  if (port) sink.addAt(token.offset + port.index, port.digits, kind, kind === 'reference' ? referenceDetails(details) : details);
}

/** `0.0.0.0:8000`, `:8000`, `[::]:8000` or `8000` after `-b`/`--bind` (a Unix socket matches neither). */
function addBindAddress(sink: OccurrenceSink, token: Token, kind: OccurrenceKind, details?: OccurrenceDetails): void {
  const m = BIND_ADDRESS.exec(token.text);
  if (!m) return addPortToken(sink, token, kind, details);
  sink.addAt(token.offset + token.text.length - m[2].length, m[2], kind, { ...details, host: m[1] });
}

function addWildcardAddress(sink: OccurrenceSink, token: Token, kind: OccurrenceKind, details?: OccurrenceDetails): void {
  const m = BIND_ADDRESS.exec(token.text);
  if (m && isWildcardHost(m[1] ?? '')) addBindAddress(sink, token, kind, details);
}

/** `docker run -p 127.0.0.1:5433:5432`: 5433 is opened on the machine, 5432 is the container's. */
function addPublishedPorts(sink: OccurrenceSink, token: Token, container: EnvContext): void {
  const m = PUBLISH_SPEC.exec(token.text);
  if (!m) return;
  let at = token.offset + (m[1] ? m[1].length + 1 : 0);
  if (m[2]) {
    const machine = container.listenKind === 'reference' ? 'reference' : 'publish';
    sink.addPortOrRange(m[2], at, machine, { ...container.details, host: m[1] });
    at += m[2].length + 1;
  }
  sink.addPortOrRange(m[3], at, container.listenKind, container.details ?? {});
}

/** `kubectl port-forward svc/web 8080:80`: 8080 listens here, 80 is the service's port. */
function addForwardedPorts(sink: OccurrenceSink, args: readonly Token[], ctx: EnvContext): void {
  const resource = args.find((t) => t.text.includes('/')) ?? args.find((t) => !t.text.startsWith('-') && !FORWARD_SPEC.test(t.text));
  const host = resource?.text.replace(/^[\w.]+\//, '');
  for (const t of args) {
    const m = FORWARD_SPEC.exec(t.text);
    if (!m || !t.text) continue;
    if (m[1]) sink.addAt(t.offset, m[1], ctx.listenKind, ctx.details);
    if (m[2]) sink.addAt(t.offset + t.text.indexOf(':') + 1, m[2], 'reference', { ...referenceDetails(ctx.details), host });
  }
}

/** Splits tokens at `;`, `&&`, `||`, `|` and `&`: each command has its own program. */
function commandsOf(tokens: readonly Token[]): Token[][] {
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (SEPARATOR.test(token.text)) commands.push([]);
    else commands[commands.length - 1].push(token);
  }
  return commands.filter((c) => c.length > 0);
}

function tokenize(piece: CommandPiece): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(piece.text); m; m = TOKEN.exec(piece.text)) {
    const token = unquoted({ text: m[0], offset: piece.offset + m.index });
    if (token.text) out.push(token);
  }
  return out;
}

/**
 * Drops the quotes around a word (`"3000"`) and a quote that opens or closes a longer string
 * (`"node` … `3000"` in `sh -c "node x --port 3000"`); `PORT="3000"` keeps its own.
 */
function unquoted(token: Token): Token {
  let { text, offset } = token;
  const q = text[0];
  if ((q === '"' || q === "'") && text.length > 1 && text.endsWith(q)) return { text: text.slice(1, -1), offset: offset + 1 };
  if ((q === '"' || q === "'") && isOdd(text, q)) {
    text = text.slice(1);
    offset++;
  }
  const last = text[text.length - 1];
  if ((last === '"' || last === "'") && isOdd(text, last)) text = text.slice(0, -1);
  return { text, offset };
}

function isOdd(text: string, quote: string): boolean {
  return text.split(quote).length % 2 === 0;
}
