import { isProcfilePath } from '../syntax/fileKinds';
import { envFileNumber, parseProcfile, readForemanFile, readProcfileStart, type ProcfileEntry, type ProcfileManager } from '../syntax/procfile';
import { basename, dirname, joinPath } from '../util/paths';
import { addCommandPorts } from './commandLine';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindIn, type OccurrenceKind } from './occurrence';

/**
 * Procfiles (foreman, honcho, overmind, hivemind). Each line runs a process; the manager gives the
 * process at index i `PORT` = base + step × i (foreman: base `-p`, `.foreman`'s `port`, `.env`'s or
 * the starting script's `PORT`, else 5000, step 100; overmind: `OVERMIND_PORT` from `.overmind.env` or
 * the script, step `OVERMIND_PORT_STEP`, both defaulting to 5000 and 100). A process that takes the
 * offered port (a `$PORT` in its line, a server known to read `PORT`, the `web` process, a workspace
 * file run by an interpreter) binds it, recorded on its name since no digits say so; watchers and
 * workers are offered one and bind nothing. Ports written in a line (`-p 3700`, `PORT=3001`) are the
 * command line reader's, and override the offered one.
 */

/** Files beside a Procfile that say how it is run. */
const COMPANION_NAMES = new Set(['.env', '.foreman', '.overmind.env']);
const STARTER = 'bin/dev';

export const procfileExtractor: Extractor = {
  id: 'procfile',
  matches: isProcfilePath,
  companions: (path) => [...COMPANION_NAMES, STARTER].map((name) => joinPath(dirname(path), name)),
  isCompanion: (path) => COMPANION_NAMES.has(basename(path)) || path === STARTER || path.endsWith(`/${STARTER}`),
  extract(file, out) {
    const run = howItRuns(file);
    const bind = kindIn(file.path, 'bind');
    parseProcfile(file.text).forEach((entry, index) => addProcess(out, entry, bind, run && { ...run, port: run.base + run.step * index }));
  },
};

interface Run {
  readonly manager: ProcfileManager;
  readonly base: number;
  readonly step: number;
}

/**
 * How the Procfile is run here, or undefined when nothing says it is run locally: a plain `Procfile`
 * with no starter, `.foreman` or `.overmind.env` is the platform's (Heroku assigns `PORT` itself).
 */
function howItRuns(file: SourceFile): Run | undefined {
  const name = basename(file.path);
  const companion = (n: string): string | undefined => file.companions?.get(joinPath(dirname(file.path), n));
  const starter = readProcfileStart(companion(STARTER) ?? '');
  const start = starter && basename(starter.procfile ?? 'Procfile') === name ? starter : undefined;
  const foreman = readForemanFile(companion('.foreman') ?? '');
  const foremanApplies = companion('.foreman') !== undefined && basename(foreman.procfile ?? name) === name;
  const overmindEnv = companion('.overmind.env');
  const overmindApplies = overmindEnv !== undefined && basename(overmindProcfile(overmindEnv) ?? name) === name;
  if (!start && !foremanApplies && !overmindApplies && name === 'Procfile') return undefined;
  const manager = start?.manager ?? (overmindApplies ? 'overmind' : 'foreman');
  const env = start?.env ?? new Map<string, number>();
  if (manager === 'foreman') {
    const base = start?.port ?? (foremanApplies ? foreman.port : undefined) ?? envFileNumber(companion('.env') ?? '', 'PORT') ?? env.get('PORT') ?? 5000;
    return { manager, base, step: 100 };
  }
  const settings = manager === 'overmind' ? overmindEnv ?? '' : '';
  const prefix = manager === 'overmind' ? 'OVERMIND' : 'HIVEMIND';
  if (start?.noPort || envFileNumber(settings, `${prefix}_NO_PORT`) || env.get(`${prefix}_NO_PORT`)) return undefined;
  const base = start?.port ?? envFileNumber(settings, `${prefix}_PORT`) ?? envFileNumber(settings, 'PORT') ?? env.get(`${prefix}_PORT`) ?? env.get('PORT') ?? 5000;
  const step = start?.step ?? envFileNumber(settings, `${prefix}_PORT_STEP`) ?? env.get(`${prefix}_PORT_STEP`) ?? 100;
  return { manager, base, step };
}

function overmindProcfile(text: string): string | undefined {
  return /^[ \t]*(?:export[ \t]+)?OVERMIND_PROCFILE[ \t]*=[ \t]*["']?([^\s"']+)/m.exec(text)?.[1];
}

/** The ports a line writes, then the one it is offered, when it takes it. */
function addProcess(out: OccurrenceSink, entry: ProcfileEntry, bind: OccurrenceKind, offered: (Run & { port: number }) | undefined): void {
  const ownerHint = ownerOf(entry);
  addCommandPorts(out, [{ text: entry.command, offset: entry.commandStart }], { listenKind: bind, details: { ownerHint } });
  if (!offered || writesItsPort(entry.command) || !takesOfferedPort(entry)) return;
  out.addImplied({ start: entry.nameStart, end: entry.nameEnd }, offered.port, bind, { ownerHint, key: 'PORT' });
}

/** `-p 3700`, `--port=3700`, `-b 0.0.0.0:3700`, `PORT=3001`: the line picks its own port. */
function writesItsPort(command: string): boolean {
  return /(?:^|\s)(?:-p|--port|-b|--bind|--listen)[=\s]+\S*\d{2,5}\b|(?:^|\s)PORT=\S*\d/.test(command);
}

/** Words that only prefix the real program. */
const PREFIXES = new Set(['bundle', 'exec', 'npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm', 'run', 'env', 'nohup', 'uv', 'poetry', 'pipenv', 'dlx', 'sudo', 'time']);
/** Servers that listen on `PORT` when they are given one: `program` → the subcommands that serve (empty: any). */
const PORT_READERS: Readonly<Record<string, readonly string[]>> = {
  rails: ['server', 's'], puma: [], next: ['dev', 'start'], gunicorn: [], 'react-scripts': ['start'], nuxt: ['dev', 'start', 'preview'],
  nuxi: ['dev', 'start', 'preview'], 'remix-serve': [], serve: [], 'http-server': [], hanami: ['server'],
};
/** Programs that work on queues or files, never on a port. */
const NON_SERVERS = new Set([
  'sidekiq', 'resque', 'rake', 'celery', 'rq', 'good_job', 'solid_queue', 'delayed_job', 'shoryuken', 'sneakers', 'dramatiq', 'huey', 'arq',
  'tailwindcss', 'esbuild', 'sass', 'postcss', 'tsc', 'webpack', 'rollup', 'jobs',
]);
/** Process types that are workers, watchers or one-off tasks by convention. */
const NON_SERVER_NAMES = /^(?:workers?|jobs?|queues?|scheduler|clock|cron|beat|release|css|js|assets|watch(?:er)?|tailwind|sidekiq)(?:[-_]\w+)?$/;
const WATCHING = /(?:^|\s)(?:--watch|-w|watch)(?:[\s=]|$)|:watch\b/;
const INTERPRETERS = new Set(['node', 'nodemon', 'bun', 'deno', 'tsx', 'ts-node', 'python', 'python3', 'ruby', 'php']);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|py|rb|php)$/;

/** Whether the process listens on the `PORT` the manager gives it. */
function takesOfferedPort(entry: ProcfileEntry): boolean {
  const { command, name } = entry;
  if (/\$\{?PORT\b|%PORT%/.test(command)) return true;
  const words = command.split(/\s+/).filter((w) => !/^\w+=/.test(w));
  const at = words.findIndex((w) => !PREFIXES.has(w));
  const program = at < 0 ? '' : basename(words[at]);
  if (WATCHING.test(command) || NON_SERVERS.has(program) || NON_SERVER_NAMES.test(name)) return false;
  const serving = PORT_READERS[program];
  if (serving && (!serving.length || serving.includes(words[at + 1]))) return true;
  if (name === 'web') return true;
  return INTERPRETERS.has(program) && scriptOf(words.slice(at + 1)) !== undefined;
}

/** The source file an interpreter runs: its first argument that is not a flag (`node --inspect src/x.js`). */
function scriptOf(args: readonly string[]): string | undefined {
  const first = args.find((a) => !a.startsWith('-') && a !== 'run');
  return first && SOURCE_FILE.test(first) ? first : undefined;
}

/**
 * Who the line's ports belong to: the workspace file it runs when that lives in a folder of its
 * own (`node services/api/index.js`), else the process name (`web`, `console-ws`): a binstub
 * (`bin/rails`) or a file beside the Procfile is the whole app's, and the name says which part.
 */
function ownerOf(entry: ProcfileEntry): string {
  const words = entry.command.split(/\s+/).filter((w) => !/^\w+=/.test(w));
  const at = words.findIndex((w) => !PREFIXES.has(w));
  const program = words[at] ?? '';
  const path = INTERPRETERS.has(basename(program)) ? scriptOf(words.slice(at + 1)) : program;
  const local = path?.replace(/^\.\//, '');
  const own = local && local.includes('/') && !/^(?:bin|script|node_modules)\//.test(local) && !local.startsWith('/') && !local.startsWith('$');
  return own ? local : entry.name;
}
