import { extname, basename } from '../util/paths';
import { addCommandPorts, type CommandPiece } from './commandLine';
import type { Extractor } from './extractor';
import { SHELL, isMinified, matchesOf, scanSource } from '../syntax/lexer';
import { portNameRole } from '../syntax/names';
import { readProcfileStart, type ProcfileManager } from '../syntax/procfile';
import { kindForRole, kindIn } from './occurrence';

/**
 * Shell scripts: which files are scripts, and how a script splits into commands. What the
 * commands mean (`PORT=3026 node x`, `--port`, `docker run -p`, `kubectl port-forward`, `ssh -p`)
 * is the command-line reader's; here only `${PORT:-3026}` defaults, which stand anywhere. A script
 * that starts a Procfile manager (`bin/dev`: `export PORT=3400; exec foreman start -f Procfile.dev`)
 * sets the manager's base port: its processes bind it (the Procfile reader records where), the script
 * only refers to it.
 */

/** The variables a Procfile manager reads its base port from. */
const BASE_KEYS: Readonly<Record<ProcfileManager, readonly string[]>> = {
  foreman: ['PORT'],
  overmind: ['PORT', 'OVERMIND_PORT'],
  hivemind: ['PORT', 'HIVEMIND_PORT'],
};

const SHELL_EXT = new Set(['.sh', '.bash', '.zsh']);
const SHEBANG = /^#!\s*\S*\b(?:env\s+)?(?:ba|z|da|k)?sh\b/;

/** `${PORT:-3026}`, `${PORT:=3026}`, `${PORT-3026}`: group 1 name, 2 port. */
const PARAMETER_DEFAULT = /\$\{([A-Za-z_]\w*):?[-=](\d{2,5})\}/dg;

export const shellExtractor: Extractor = {
  id: 'shell',
  matches: (path) => SHELL_EXT.has(extname(path)) || (/(^|\/)(bin|scripts)\/[^/]+$/.test(path) && !basename(path).includes('.')),
  extract(file, out) {
    if (!SHELL_EXT.has(extname(file.path)) && !SHEBANG.test(file.text)) return;
    if (isMinified(file.text)) return;
    const { code } = scanSource(file.text, SHELL);
    const manager = readProcfileStart(code)?.manager;
    const bases = new Set(manager ? BASE_KEYS[manager] : []);
    // First, so that a default keeps its variable's name where a flag also holds it (`--port "${PORT:-3026}"`).
    for (const m of matchesOf(PARAMETER_DEFAULT, code)) {
      const role = portNameRole(m[1]);
      if (role) out.addAt(m.indices[2][0], m[2], bases.has(m[1]) ? 'reference' : kindIn(file.path, kindForRole(role)), { key: m[1] });
    }
    // A test's script starts throwaway servers: its listeners are at most references.
    const ctx = { listenKind: kindIn(file.path, 'bind') };
    const baseCtx = { listenKind: 'reference' as const };
    for (const command of commandsOf(code)) addCommandPorts(out, command, setsBase(command, bases) ? baseCtx : ctx);
  },
};

/** `export PORT=3400`, or the manager's own command line: the base, not a listener. */
function setsBase(command: readonly CommandPiece[], bases: ReadonlySet<string>): boolean {
  if (!bases.size) return false;
  const words = command.map((p) => p.text);
  if (words.some((w) => /^(?:foreman|honcho|nf|overmind|hivemind)$/.test(basename(w)))) return true;
  return words.every((w) => w === 'export' || bases.has(w.split('=')[0]));
}

/** Splits code into commands at unescaped line breaks, `;`, `&&`, `||` and `|`, outside quotes. */
function commandsOf(code: string): CommandPiece[][] {
  const commands: CommandPiece[][] = [];
  let words: CommandPiece[] = [];
  let word = -1;
  let quote = '';
  const endWord = (i: number): void => {
    if (word >= 0) words.push({ offset: word, text: code.slice(word, i) });
    word = -1;
  };
  const endCommand = (i: number): void => {
    endWord(i);
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < code.length; i++) {
    if (quote === "'") {
      // Nothing is special inside single quotes: straight to the closing one.
      const close = code.indexOf(quote, i);
      i = close < 0 ? code.length : close;
      quote = '';
      continue;
    }
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
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
    } else if (isSpace(code.charCodeAt(i))) {
      endWord(i);
    } else {
      if (word < 0) word = i;
      if (c === '"' || c === "'") quote = c;
    }
  }
  endCommand(code.length);
  return commands;
}

/** What `\s` matches, by code unit: tested per character, a regex would dominate the split. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0xa0 && SPACE.test(String.fromCharCode(c));
}

const SPACE = /\s/;
