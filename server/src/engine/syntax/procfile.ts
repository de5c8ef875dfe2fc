/**
 * Procfiles and what starts them. A Procfile line `web: bundle exec puma -p $PORT` names a process
 * type; foreman, honcho, overmind and hivemind give the process at index i `PORT` = base + step × i
 * (base 5000 and step 100 unless configured). Pure text readers, shared by the Procfile extractor and
 * the shell reader (which must know that a script's `PORT` is a manager's base, not a listener).
 */

export interface ProcfileEntry {
  /** `web`, `worker`, `console-ws`. */
  readonly name: string;
  /** Where the name starts (column 1 of its line) and ends. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The command and where it starts. */
  readonly command: string;
  readonly commandStart: number;
}

/** `name: command`, as foreman reads it (the command's trailing blanks are trimmed in code). */
const ENTRY = /^([A-Za-z0-9_-]+):[ \t]*(\S[^\n]*)$/;
/** A Procfile larger than this is not one. */
const MAX_PROCFILE_CHARS = 64_000;

export function parseProcfile(text: string): ProcfileEntry[] {
  if (text.length > MAX_PROCFILE_CHARS) return [];
  const out: ProcfileEntry[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const m = ENTRY.exec(line.trimEnd());
    if (m) out.push({ name: m[1], nameStart: lineStart, nameEnd: lineStart + m[1].length, command: m[2], commandStart: lineStart + line.indexOf(m[2], m[1].length + 1) });
    lineStart += line.length + 1;
  }
  return out;
}

export type ProcfileManager = 'foreman' | 'overmind' | 'hivemind';

/** Programs that run a Procfile; honcho and node-foreman (`nf`) number ports as foreman does. */
const MANAGERS: Readonly<Record<string, ProcfileManager>> = { foreman: 'foreman', honcho: 'foreman', nf: 'foreman', overmind: 'overmind', hivemind: 'hivemind' };
/**
 * A manager starting a Procfile, in a script, shell or Ruby (`exec "foreman", "start", "-f", "Procfile.dev"`,
 * `overmind s`, `exec hivemind Procfile.dev`), not `gem install foreman`: group 1 or 3 the manager, 2 or 4
 * the rest of the line.
 */
const MANAGER_CALL = /(?:^|[\s"'`;&|(])(foreman|honcho|nf|overmind)["'`]?[ \t,]+["'`]?(?:start|s)\b([^\n]*)|(?:^|[;&|][ \t]*|\bexec[ \t]+["'`]?)(hivemind)\b([^\n]*)/m;

/** What a script that starts a Procfile manager says about the ports it hands out. */
export interface ProcfileStart {
  readonly manager: ProcfileManager;
  /** `-f Procfile.dev` (foreman, overmind), or hivemind's positional Procfile; unset means `Procfile`. */
  readonly procfile?: string;
  /** `-p 3000` / `--port 3000` on the manager's command line. */
  readonly port?: number;
  /** overmind/hivemind `-P 10` / `--port-step 10`. */
  readonly step?: number;
  /** overmind `-N` / `--no-port`: no process is given a PORT. */
  readonly noPort?: boolean;
  /** The base the script exports before starting it (`export PORT="${PORT:-3400}"`, `OVERMIND_PORT=3900`), by variable. */
  readonly env: ReadonlyMap<string, number>;
}

/** The manager a script (`bin/dev`) runs, with its options; undefined when it runs none. */
export function readProcfileStart(script: string): ProcfileStart | undefined {
  const code = script.replace(/^[ \t]*#.*$/gm, '');
  const call = MANAGER_CALL.exec(code);
  if (!call) return undefined;
  const manager = MANAGERS[call[1] ?? call[3]];
  const args = (call[2] ?? call[4]).split(/[\s,"'`()[\]]+/).filter(Boolean);
  const option = (...flags: string[]): string | undefined => optionValue(args, flags);
  const procfile = option('-f', '--procfile') ?? (manager === 'hivemind' ? args.find((a) => /^[\w./-]*Procfile[\w.-]*$/.test(a)) : undefined);
  const port = Number(option('-p', '--port')) || undefined;
  const step = manager === 'foreman' ? undefined : Number(option('-P', '--port-step')) || undefined;
  const noPort = args.includes('-N') || args.includes('--no-port');
  return { manager, ...(procfile ? { procfile } : {}), ...(port ? { port } : {}), ...(step ? { step } : {}), ...(noPort ? { noPort } : {}), env: scriptPorts(code) };
}

/** `-f X`, `-fX`, `--procfile=X`, `--procfile X`. */
function optionValue(args: readonly string[], flags: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    for (const flag of flags) {
      if (args[i] === flag) return args[i + 1];
      if (flag.startsWith('--') && args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1);
      if (!flag.startsWith('--') && args[i].startsWith(flag) && args[i].length > flag.length && !args[i].startsWith('--')) return args[i].slice(flag.length);
    }
  }
  return undefined;
}

/** `PORT=3400`, `export PORT="${PORT:-3400}"`, `ENV["PORT"] ||= "3400"`: the number a script gives each variable. */
const SCRIPT_PORT = /(?:^|[\s;&|(])(?:export[ \t]+)?(PORT|OVERMIND_PORT|OVERMIND_PORT_STEP|HIVEMIND_PORT|HIVEMIND_PORT_STEP|OVERMIND_NO_PORT)=(["']?)(?:\$\{\w+:?[-=])?(\d{1,5})\}?\2|ENV\[\s*["'](PORT|OVERMIND_PORT)["']\s*\]\s*\|\|=\s*["']?(\d{1,5})/gm;

function scriptPorts(code: string): Map<string, number> {
  const out = new Map<string, number>();
  SCRIPT_PORT.lastIndex = 0;
  for (let m = SCRIPT_PORT.exec(code); m; m = SCRIPT_PORT.exec(code)) {
    const key = m[1] ?? m[4];
    if (!out.has(key)) out.set(key, Number(m[3] ?? m[5]));
  }
  return out;
}

/** A number an env file (`.env`, `.overmind.env`) gives a variable: `PORT=3000`, `export OVERMIND_PORT="3900"`. */
export function envFileNumber(text: string, key: string): number | undefined {
  const m = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${key}[ \\t]*=[ \\t]*(["']?)(\\d{1,5})\\1[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return m ? Number(m[2]) : undefined;
}

/** `.foreman` (YAML): `port: 3000`, `procfile: Procfile.dev`. */
export function readForemanFile(text: string): { port?: number; procfile?: string } {
  const port = /^port:[ \t]*["']?(\d{1,5})["']?[ \t]*$/m.exec(text);
  const procfile = /^procfile:[ \t]*["']?([^\s"']+)["']?[ \t]*$/m.exec(text);
  return { ...(port ? { port: Number(port[1]) } : {}), ...(procfile ? { procfile: procfile[1] } : {}) };
}
