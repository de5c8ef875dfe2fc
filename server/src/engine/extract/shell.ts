import { basename, extname } from '../util/paths';
import type { Extractor, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import { kindForRole, portNameRole } from './portNames';
import { SHELL, isMinified, kindIn, matchesOf, scanSource } from './sourceScan';
import { addUrls } from './urls';

/**
 * Shell scripts: `PORT=3026 cmd`, `export PORT=3026`, `${PORT:-3026}`, `--port 3026`, server `-p`
 * flags, `docker run -p 8080:80` (host side published, container side exposed),
 * `kubectl port-forward svc/x 8080:80` (local side bound) and URLs. `mkdir -p` is no port,
 * `ssh -p 22` is someone else's.
 */

const SHELL_EXT = new Set(['.sh', '.bash', '.zsh']);
const SHEBANG = /^#!\s*\S*\b(?:env\s+)?(?:ba|z|da|k)?sh\b/;

/** One command: a line (with `\` continuations) or a part of it between `;`, `&&`, `||`, `|`. */
interface Command {
  readonly start: number;
  readonly words: readonly Word[];
}
interface Word {
  readonly start: number;
  readonly text: string;
}

/** Programs that connect to a port rather than serve one. */
const CLIENTS = new Set(['psql', 'pg_isready', 'pg_dump', 'pg_restore', 'mysql', 'mysqladmin', 'mysqldump', 'redis-cli', 'mongo', 'mongosh', 'ssh', 'scp', 'sftp', 'rsync', 'nc', 'ncat', 'telnet', 'curl', 'wget', 'grpcurl', 'wait-for-it', 'wait-for-it.sh']);
/** Servers whose `-p N` is their listening port. */
const SHORT_P_SERVERS = new Set(['serve', 'http-server', 'live-server', 'json-server', 'rails', 'puma', 'rackup', 'hugo', 'flask', 'next', 'nuxt', 'webpack-dev-server', 'redis-server', 'memcached']);
/** Commands that only prefix the real program. */
const PREFIXES = new Set(['sudo', 'exec', 'env', 'nohup', 'time', 'command', 'npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'uv', 'poetry', 'pipenv', 'run', 'bundle', 'dlx']);
const CONTAINER_RUNTIMES = new Set(['docker', 'podman', 'nerdctl']);

/** `NAME=3026` (optionally after `export`, `local`, `-e`): group 1 name, 2 port. */
const ASSIGNMENT = /(?:^|[\s;(])(?:(?:export|local|readonly|declare(?:\s+-\w+)?)\s+)?([A-Za-z_]\w*)=(["']?)(\d{2,5})\2(?=[\s;)&|]|$)/dg;
/** `${PORT:-3026}`, `${PORT:=3026}`, `${PORT-3026}`: group 1 name, 2 port. */
const PARAMETER_DEFAULT = /\$\{([A-Za-z_]\w*):?[-=](\d{2,5})\}/dg;
/** `--port 3026`, `--port=3026`, `--metrics-port 9090`: group 1 flag, 2 port. */
const LONG_PORT_FLAG = /(?:^|\s)--([\w-]*port)(?:=|\s+)(["']?)(\d{2,5})\2(?=[\s;)&|]|$)/dg;
/** A bare `localhost:8080` (in `curl localhost:8080/health`): group 1 host, 2 port. */
const LOCAL_ADDRESS = /(?<![\w./:@-])(localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{2,5})(?![\d.])/dg;

export const shellExtractor: Extractor = {
  id: 'shell',
  matches: (path) => SHELL_EXT.has(extname(path)) || (/(^|\/)(bin|scripts)\/[^/]+$/.test(path) && !basename(path).includes('.')),
  extract(file, out) {
    if (!SHELL_EXT.has(extname(file.path)) && !SHEBANG.test(file.text)) return;
    if (isMinified(file.text)) return;
    const { code } = scanSource(file.text, SHELL);
    const kind = (k: OccurrenceKind): OccurrenceKind => kindIn(file.path, k);
    for (const command of commandsOf(code)) addCommandPorts(command, kind, out);
    for (const m of matchesOf(PARAMETER_DEFAULT, code)) addNamed(out, m[1], m.indices[2][0], m[2], kind);
    addUrls(out, code, 0);
    for (const m of matchesOf(LOCAL_ADDRESS, code)) out.addAt(m.indices[2][0], m[2], 'reference', { host: m[1] });
  },
};

function addNamed(out: OccurrenceSink, name: string, offset: number, digits: string, kind: (k: OccurrenceKind) => OccurrenceKind): void {
  const role = portNameRole(name);
  if (role) out.addAt(offset, digits, kind(kindForRole(role)), { key: name });
}

function addCommandPorts(command: Command, kind: (k: OccurrenceKind) => OccurrenceKind, out: OccurrenceSink): void {
  const words = command.words.map((w) => w.text);
  const program = programOf(words);
  const runtime = words.findIndex((w) => CONTAINER_RUNTIMES.has(basename(w)));
  const containerRun = runtime >= 0 && (words[runtime + 1] === 'run' || words[runtime + 1] === 'create' || words[runtime + 2] === 'run');
  const text = joinWords(command);
  const target = containerRun ? undefined : programPath(words);
  for (const m of matchesOf(ASSIGNMENT, text)) {
    const role = portNameRole(m[1]);
    if (!role) continue;
    const envOfContainer = containerRun && /(?:-e|--env)[\s=]+$/.test(text.slice(0, m.indices[1][0]));
    out.addAt(command.start + m.indices[3][0], m[3], kind(envOfContainer ? 'expose' : kindForRole(role)), { key: m[1], ownerHint: target });
  }
  for (const m of matchesOf(LONG_PORT_FLAG, text)) {
    const role = portNameRole(m[1]);
    if (!role) continue;
    const asClient = program !== undefined && CLIENTS.has(program);
    const insideContainer = containerRun || program === 'kubectl';
    const k = asClient ? 'reference' : insideContainer ? 'expose' : kindForRole(role);
    out.addAt(command.start + m.indices[3][0], m[3], kind(k));
  }
  if (containerRun) addPublishedPorts(command, kind, out);
  else if (words.includes('port-forward')) addForwardedPorts(command, kind, out);
  else if (program) addServerShortFlags(command, program, kind, out);
}

/**
 * The program file a command runs (`node services/auth/dist/server.js`): the port it is given
 * belongs to the code there, not to the script that starts it.
 */
function programPath(words: readonly string[]): string | undefined {
  return words.find((w) => w.includes('/') && !w.includes('=') && !w.startsWith('-') && !/^(https?|\$|~)/.test(w) && !w.startsWith('/'));
}

/** `docker run -p [ip:]H[-H2]:C[-C2][/proto]` and `-p C`. */
function addPublishedPorts(command: Command, kind: (k: OccurrenceKind) => OccurrenceKind, out: OccurrenceSink): void {
  for (const { word, value } of flagValues(command, /^(-p|--publish)$/, /^--publish=/)) {
    const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]*\]):)?(?:(\d{1,5})(?:-(\d{1,5}))?:)?(\d{1,5})(?:-(\d{1,5}))?(?:\/\w+)?$/.exec(value);
    if (!m) continue;
    const base = word.start + word.text.length - value.length;
    let at = base + (m[1] ? m[1].length + 1 : 0);
    if (m[2]) {
      addPortOrRange(out, at, m[2], m[3], kind('publish'), { host: m[1] });
      at += m[2].length + (m[3] ? m[3].length + 1 : 0) + 1;
    }
    addPortOrRange(out, at, m[4], m[5], kind('expose'), {});
  }
}

function addPortOrRange(out: OccurrenceSink, at: number, first: string, last: string | undefined, kind: OccurrenceKind, details: { host?: string }): void {
  if (last) out.addRange({ start: at, end: at + first.length + 1 + last.length }, Number(first), Number(last), kind, details);
  else out.addAt(at, first, kind, details);
}

/** `kubectl port-forward svc/web 8080:80`: 8080 listens here, 80 is the service's port. */
function addForwardedPorts(command: Command, kind: (k: OccurrenceKind) => OccurrenceKind, out: OccurrenceSink): void {
  const words = command.words;
  const at = words.findIndex((w) => w.text === 'port-forward');
  const resource = words.slice(at + 1).find((w) => !w.text.startsWith('-') && !/^\d*:?\d+$/.test(w.text));
  const host = resource?.text.replace(/^[\w.]+\//, '');
  for (const w of words.slice(at + 1)) {
    const m = /^(\d{1,5})?(?::(\d{1,5}))?$/.exec(w.text);
    if (!m || !w.text) continue;
    if (m[1]) out.addAt(w.start, m[1], kind('bind'));
    if (m[2]) out.addAt(w.start + w.text.indexOf(':') + 1, m[2], 'reference', { host });
  }
}

/** `serve -p 3000`, `php -S localhost:8000`, `gunicorn -b 0.0.0.0:8000`, `python -m http.server 8000`. */
function addServerShortFlags(command: Command, program: string, kind: (k: OccurrenceKind) => OccurrenceKind, out: OccurrenceSink): void {
  const bind = kind('bind');
  if (SHORT_P_SERVERS.has(program)) {
    for (const { word, value } of flagValues(command, /^-p$/)) if (/^\d+$/.test(value)) out.addAt(word.start, value, bind);
  }
  if (CLIENTS.has(program)) {
    for (const { word, value } of flagValues(command, /^-[pP]$/)) if (/^\d+$/.test(value)) out.addAt(word.start, value, 'reference');
  }
  for (const { word, value } of flagValues(command, /^(-S|-b|--bind)$/, /^--bind=/)) {
    const m = /^([\w.[\]:-]*):(\d{1,5})$/.exec(value);
    if (m) out.addAt(word.start + word.text.length - m[2].length, m[2], bind, { host: m[1] || undefined });
  }
  const words = command.words;
  const server = words.findIndex((w, i) => w.text === 'http.server' && words[i - 1]?.text === '-m');
  const arg = server >= 0 ? words[server + 1] : undefined;
  if (arg && /^\d+$/.test(arg.text)) out.addAt(arg.start, arg.text, bind);
}

/** Values of a flag given as `-p 80` / `--publish=80`: the word holding the value, and the value. */
function flagValues(command: Command, separate: RegExp, joined?: RegExp): { word: Word; value: string }[] {
  const found: { word: Word; value: string }[] = [];
  command.words.forEach((w, i) => {
    const next = command.words[i + 1];
    if (separate.test(w.text) && next) found.push({ word: next, value: unquote(next.text) });
    const glued = joined?.exec(w.text);
    if (glued) found.push({ word: w, value: unquote(w.text.slice(glued[0].length)) });
  });
  return found.map(({ word, value }) => (word.text.startsWith('"') || word.text.startsWith("'") ? { word: { start: word.start + 1, text: word.text.slice(1, -1) }, value } : { word, value }));
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/** The program a command runs, past env assignments and prefixes such as `sudo` or `npx`. */
function programOf(words: readonly string[]): string | undefined {
  for (const w of words) {
    if (/^[A-Za-z_]\w*=/.test(w) || PREFIXES.has(w) || w.startsWith('-')) continue;
    return basename(w);
  }
  return undefined;
}

/** The command's text with its continuations, so offsets inside it map back by `command.start`. */
function joinWords(command: Command): string {
  const last = command.words[command.words.length - 1];
  if (!last) return '';
  const chars: string[] = [];
  for (const w of command.words) {
    while (chars.length < w.start - command.start) chars.push(' ');
    chars.push(...w.text);
  }
  return chars.join('').slice(0, last.start + last.text.length - command.start);
}

/** Splits code into commands at unescaped line breaks, `;`, `&&`, `||` and `|`, outside quotes. */
function commandsOf(code: string): Command[] {
  const commands: Command[] = [];
  let words: Word[] = [];
  let start = 0;
  let word = -1;
  let quote = '';
  const endWord = (i: number): void => {
    if (word >= 0) words.push({ start: word, text: code.slice(word, i) });
    word = -1;
  };
  const endCommand = (i: number): void => {
    endWord(i);
    if (words.length) commands.push({ start, words });
    words = [];
    start = i + 1;
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\' && (code[i + 1] === '\n' || code[i + 1] === '\r')) {
      endWord(i);
      i += code[i + 1] === '\r' && code[i + 2] === '\n' ? 2 : 1;
    } else if (c === '&' && code[i + 1] === '&') {
      endCommand(++i);
    } else if (c === '\n' || c === ';' || c === '|') {
      endCommand(i);
    } else if (/\s/.test(c)) {
      endWord(i);
    } else {
      if (word < 0) word = i;
      if (c === '"' || c === "'") quote = c;
    }
  }
  endCommand(code.length);
  return commands;
}
