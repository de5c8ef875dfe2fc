import { composeFilesOf } from '../syntax/composeCommands';
import { basename, dirname, joinPath } from '../util/paths';
import { addCommandPorts, type CommandPiece } from './commandLine';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';

/**
 * Makefiles (and justfiles): each recipe line is a shell command run on the machine, so its ports
 * are read like a script's, and what it runs says which code starts on its own and which Compose
 * files run together (`PROD := docker compose -f a.yml -f b.yml`, then `$(PROD) up`).
 */

const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile|[Jj]ustfile)$|\.mk$/;
/** `NAME := value`, `NAME = value`, `NAME ?= value`, `export NAME := value`. */
const VARIABLE = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*(?::=|::=|\?=|\+=|=)\s*(.*)$/;
/** `$(NAME)` or `${NAME}`. */
const REFERENCE = /\$[({]([A-Za-z_][\w.-]*)[)}]/g;
/** Substitutions per line: enough for real Makefiles, bounded for hostile ones. */
const MAX_EXPANSIONS = 16;

export const makefileExtractor: Extractor = {
  id: 'makefile',
  matches: (path) => MAKEFILE.test(basename(path)),
  extract(file, sink) {
    const variables = new Map<string, string>();
    for (const line of logicalLines(file)) {
      if (line.recipe) addRecipe(sink, line, variables);
      else {
        const v = VARIABLE.exec(line.text);
        if (v) variables.set(v[1], v[2]);
      }
    }
  },
};

interface Line {
  /** Each physical line of a `\`-continued line, with its own offset, so positions stay exact. */
  readonly pieces: readonly CommandPiece[];
  /** The pieces joined, for variables and expansion. */
  readonly text: string;
  /** A recipe line (after a tab in a Makefile, indented in a justfile). */
  readonly recipe: boolean;
}

function addRecipe(sink: OccurrenceSink, line: Line, variables: ReadonlyMap<string, string>): void {
  const [first, ...rest] = line.pieces;
  const command = first.text.replace(/^\s*[@+-]*/, '');
  const pieces = [{ text: command, offset: first.offset + first.text.length - command.length }, ...rest];
  addCommandPorts(sink, pieces, { listenKind: 'bind' });
  // What a variable holds runs too: a chain written once (`PROD := docker compose -f … -f …`) and used as `$(PROD) up`.
  REFERENCE.lastIndex = 0;
  if (!REFERENCE.test(line.text)) return;
  const expanded = expand(line.text.replace(/^\s*[@+-]*/, ''), variables);
  const files = composeFilesOf(expanded.split(/\s+/).filter(Boolean));
  if (files) sink.composeRuns.push(files.map((f) => joinPath(dirname(sink.file.path), f)));
}

function expand(text: string, variables: ReadonlyMap<string, string>): string {
  let out = text;
  for (let i = 0; i < MAX_EXPANSIONS && /\$[({]/.test(out); i++) {
    out = out.replace(REFERENCE, (_m, name: string) => variables.get(name) ?? '');
  }
  return out;
}

/** Lines with their `\` continuations, recipe lines marked. */
function logicalLines(file: SourceFile): Line[] {
  const out: Line[] = [];
  const justfile = /^[Jj]ustfile$/.test(basename(file.path));
  for (let i = 0; i < file.lines.lineCount; i++) {
    const first = file.lines.lineText(i);
    if (/^\s*#/.test(first)) continue;
    const recipe = justfile ? /^[ \t]+\S/.test(first) : first.startsWith('\t');
    const pieces: CommandPiece[] = [{ text: first.replace(/\\$/, ''), offset: file.lines.lineStart(i) }];
    for (let text = first; /\\$/.test(text) && i + 1 < file.lines.lineCount; ) {
      text = file.lines.lineText(++i);
      pieces.push({ text: text.replace(/\\$/, ''), offset: file.lines.lineStart(i) });
    }
    out.push({ pieces, text: pieces.map((p) => p.text.trim()).join(' '), recipe });
  }
  return out;
}
