import { isDockerfilePath } from '../syntax/fileKinds';
import { addCommandPorts, addCommandReferences, type CommandPiece } from './commandLine';
import { addEnvVar } from './envVars';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';

const INSTRUCTION = /^\s*([A-Za-z]+)(?=\s|$)/;
/** `KEY=value`, `KEY="a b"`, `KEY='x'` in ENV and ARG. */
const KEY_VALUE = /([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
/** Everything in a Dockerfile runs inside the image: its listeners are container ports. */
/** An image describes one service: a `*_PORT` in its ENV is its own unless it names a backing service. */
const CONTAINER = { listenKind: 'expose' as const, siblings: [] };

/** One instruction after joining `\` continuations: its keyword and the pieces of its arguments. */
interface Instruction {
  readonly keyword: string;
  readonly args: CommandPiece[];
}

export const dockerfileExtractor: Extractor = {
  id: 'dockerfile',
  matches: isDockerfilePath,
  extract(file, sink) {
    const copies: string[] = [];
    for (const instruction of instructions(file)) {
      addInstruction(sink, instruction);
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') copies.push(...copySources(instruction.args));
    }
    sink.copies = copies;
  },
};

function addInstruction(sink: OccurrenceSink, { keyword, args }: Instruction): void {
  switch (keyword) {
    case 'EXPOSE':
      for (const word of words(args)) sink.addPortOrRange(word.text.replace(/\/\w+$/, ''), word.offset, 'expose', {});
      break;
    case 'ENV':
    case 'ARG':
      addVariables(sink, args);
      break;
    case 'HEALTHCHECK':
      addCommandReferences(sink, args);
      break;
    case 'CMD':
    case 'ENTRYPOINT':
      addCommandPorts(sink, args, CONTAINER);
      break;
  }
}

/** `ENV A=1 B=2`, or the legacy `ENV KEY value` (one variable, the rest of the line is its value). */
function addVariables(sink: OccurrenceSink, args: readonly CommandPiece[]): void {
  const [first] = words(args);
  if (first && !first.text.includes('=')) {
    const valueStart = args[0].text.indexOf(first.text) + first.text.length;
    const value = args[0].text.slice(valueStart);
    addEnvVar(sink, first.text, value, args[0].offset + valueStart, CONTAINER);
    return;
  }
  for (const piece of args) {
    KEY_VALUE.lastIndex = 0;
    for (let m = KEY_VALUE.exec(piece.text); m; m = KEY_VALUE.exec(piece.text)) {
      addEnvVar(sink, m[1], m[2], piece.offset + m.index + m[1].length + 1, CONTAINER);
    }
  }
}

/**
 * The build-context paths a `COPY`/`ADD` takes (`COPY services/notify ./`), in the shell or JSON form;
 * copies from another stage (`--from=build`) and URLs are no code of the context.
 */
function copySources(args: readonly CommandPiece[]): string[] {
  const text = args.map((a) => a.text).join(' ').trim();
  const list = /^\[(.*)\]$/s.exec(text.replace(/^(--[\w-]+(=\S+)?\s+)+/, ''));
  const items = list ? [...list[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]) : text.split(/\s+/);
  if (items.some((w) => /^--from=/.test(w))) return [];
  const operands = items.filter((w) => w && !w.startsWith('--'));
  return operands.slice(0, -1).filter((w) => !/^[a-z]+:\/\//i.test(w)).map((w) => w.replace(/^\.\//, '').replace(/\/$/, '') || '.');
}

function words(pieces: readonly CommandPiece[]): CommandPiece[] {
  return pieces.flatMap((piece) => [...piece.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], offset: piece.offset + (m.index ?? 0) })));
}

/** Joins lines ending in `\`; comment lines inside a continuation are dropped, as Docker does. */
function instructions(file: SourceFile): Instruction[] {
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  for (let line = 0; line < file.lines.lineCount; line++) {
    const text = file.lines.lineText(line);
    const offset = file.lines.lineStart(line);
    if (/^\s*#/.test(text)) continue;
    const continued = /\\\s*$/.test(text);
    const body = continued ? text.replace(/\\\s*$/, '') : text;
    if (!current) {
      const m = INSTRUCTION.exec(body);
      if (m) current = { keyword: m[1].toUpperCase(), args: [{ text: body.slice(m[0].length), offset: offset + m[0].length }] };
    } else {
      current.args.push({ text: body, offset });
    }
    if (current && !continued) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out;
}
