import { LITERAL_HOST_PATTERN } from '../syntax/hosts';
import { matchesOf } from '../syntax/lexer';
import type { Span } from '../text';
import type { Extractor, OccurrenceSink } from './extractor';

/**
 * Markdown: every port here is documentation (`doc`). Ports are recognised only where the text
 * says so: URLs and `host:port`, "port 3026" / "Port: 3026" / ":3050" in prose, a backticked number
 * in a sentence about ports, cells of a table's Port column, and port flags in fenced code.
 * Dates, versions, issue numbers, sizes and status codes have no such context and stay silent.
 * (The port plan's own tables are read by the plan loader; the engine drops its rows from these.)
 */

const MARKDOWN_FILE = /\.(md|mdx|markdown)$/i;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const PORT_HEADER = /\bports?\b/i;

/** "port 3026", "Port: 3026", "on ports 3000-3005", "port `3026`": group 1 first port, 2 range end. */
const PORT_WORD = /\bports?\b[^\S\n]*(?:(?:is|are|number|no\.|of|at|on|to|defaults? to|=|:)[^\S\n]*)*[`*"']*(\d{2,5})(?:[^\S\n]*[-–][^\S\n]*(\d{2,5}))?(?=[`*"']*(?![\dA-Za-z%]|\.\d|:\d))/dgi;
/** Further ports in a list after the first: ", 3001", " and 3002", "/3003". */
const LIST_NEXT = /^[`*"']*[^\S\n]*(?:,|and|or|&|\/)[^\S\n]*[`*"']*(\d{2,5})(?![\dA-Za-z%]|\.\d)/d;
/** ":3050" standing alone in prose (not `10:30`, not `a:b`): group 1 port. */
const BARE_COLON_PORT = /(?<![\w/:.[\]-]):(\d{2,5})(?![\d.:\w])/dg;
/** `localhost:3000`, `127.0.0.1:8080`, `[::1]:80`: group 1 host, 2 port. */
const LITERAL_ADDRESS = new RegExp(String.raw`(?<![\w.-])(${LITERAL_HOST_PATTERN}):(\d{2,5})(?![\d.])`, 'dg');
/** `mana-auth:3001` in code (never `postgres:15` or `node:18-alpine`): group 1 host, 2 port. */
const NAMED_ADDRESS = /(?<![\w./@:-])([a-z][\w-]*(?:\.[\w-]+)*):(\d{3,5})(?![\d.:\w-])/dg;
/** `` `3001` `` in a sentence about ports: group 1 port. */
const CODE_NUMBER = /`(\d{2,5})`/dg;
/** Port flags and settings in fenced code. */
const FENCED_PORTS: readonly RegExp[] = [
  /(?:^|\s)(?:-p|--publish)[\s=]+["']?(?:\d{1,3}(?:\.\d{1,3}){3}:)?(\d{1,5})(?::(\d{1,5}))?/dg,
  /(?:^|\s)--[\w-]*port[=\s]+["']?(\d{1,5})(?!\d)/dgi,
  /\b\w*port\w*["']?\s*[=:]\s*["']?(\d{2,5})(?![\d.])/dgi,
  /^\s*-\s*["']?(?:\d{1,3}(?:\.\d{1,3}){3}:)?(\d{2,5}):(\d{2,5})["']?\s*$/dgm,
  /\b(?:EXPOSE|listen)\s+(\d{2,5})\b/dg,
  /\bport-forward\s+\S+\s+(\d{1,5}):(\d{1,5})\b/dg,
];
const HAS_DIGIT = /\d/;
/** `tcp:443` names a protocol, not a host. */
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'http', 'https']);

export const markdownExtractor: Extractor = {
  id: 'markdown',
  matches: (path) => MARKDOWN_FILE.test(path),
  extract(file, out) {
    const text = blankHtmlComments(file.text);
    const { fences, prose } = splitFences(text);
    addTableCells(text, prose, out);
    for (const span of fences) addCodePorts(text.slice(span.start, span.end), span.start, out);
    for (const span of prose) addProsePorts(text, span, out);
    for (const span of fences) for (const line of linesOf(text, span)) if (HAS_DIGIT.test(line.text)) addPortWords(line, out);
    out.addUrls(text, 0, {}, 'doc');
    for (const m of matchesOf(LITERAL_ADDRESS, text)) out.addAt(m.indices[2][0], m[2], 'doc', { host: m[1] });
  },
};

function blankHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\r\n]/g, ' '));
}

interface Line {
  readonly start: number;
  readonly text: string;
}

function linesOf(text: string, span: Span = { start: 0, end: text.length }): Line[] {
  const lines: Line[] = [];
  let start = span.start;
  while (start < span.end) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 || nl > span.end ? span.end : nl;
    // A line's own `\r` (CRLF) is not part of its text.
    lines.push({ start, text: text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end) });
    start = end + 1;
  }
  return lines;
}

/** Fenced code blocks (inner lines) and the prose between them. */
function splitFences(text: string): { fences: Span[]; prose: Span[] } {
  const fences: Span[] = [];
  const prose: Span[] = [];
  let open: { marker: string; contentStart: number } | undefined;
  let proseStart = 0;
  for (const line of linesOf(text)) {
    const fence = FENCE.exec(line.text);
    const lineEnd = line.start + line.text.length;
    if (!open && fence) {
      prose.push({ start: proseStart, end: line.start });
      open = { marker: fence[1], contentStart: lineEnd + 1 };
    } else if (open && fence && fence[1][0] === open.marker[0] && fence[1].length >= open.marker.length && !line.text.trim().slice(fence[1].length).trim()) {
      fences.push({ start: open.contentStart, end: line.start });
      open = undefined;
      proseStart = lineEnd + 1;
    }
  }
  if (open) fences.push({ start: open.contentStart, end: text.length });
  else prose.push({ start: proseStart, end: text.length });
  return { fences: fences.filter((s) => s.end > s.start), prose: prose.filter((s) => s.end > s.start) };
}

/** Cells under a header named Port ("Port", "Host port", "Ports"): numbers and ranges (`3006-3009`). */
function addTableCells(text: string, prose: readonly Span[], out: OccurrenceSink): void {
  for (const span of prose) {
    const lines = linesOf(text, span);
    for (let i = 0; i + 1 < lines.length; i++) {
      if (!lines[i].text.includes('|') || !TABLE_SEPARATOR.test(lines[i + 1].text)) continue;
      const portColumns = cellsOf(lines[i]).flatMap((c, index) => (PORT_HEADER.test(c.text) ? [index] : []));
      let row = i + 2;
      for (; row < lines.length && lines[row].text.includes('|'); row++) {
        const cells = cellsOf(lines[row]);
        for (const column of portColumns) if (cells[column]) addCellPorts(cells[column], out);
      }
      i = row - 1;
    }
  }
}

function cellsOf(line: Line): Line[] {
  const cells: Line[] = [];
  const body = line.text.replace(/\|\s*$/, '');
  let start = body.trimStart().startsWith('|') ? body.indexOf('|') + 1 : 0;
  for (let i = start; i <= body.length; i++) {
    if (i === body.length || (body[i] === '|' && body[i - 1] !== '\\')) {
      cells.push({ start: line.start + start, text: body.slice(start, i) });
      start = i + 1;
    }
  }
  return cells;
}

function addCellPorts(cell: Line, out: OccurrenceSink): void {
  for (const m of matchesOf(/(?<![\w.#])(\d{2,5})(?:\s*[-–]\s*(\d{2,5}))?(?![\w.%])/dg, cell.text)) addMatchedPorts(out, cell.start, m);
}

function addMatchedPorts(out: OccurrenceSink, base: number, m: RegExpExecArray & { indices: RegExpIndicesArray }): void {
  const first = m.indices[1];
  const last = m.indices[2];
  if (last) out.addRange({ start: base + first[0], end: base + last[1] }, Number(m[1]), Number(m[2]), 'doc');
  else out.addAt(base + first[0], m[1], 'doc');
}

function addProsePorts(text: string, span: Span, out: OccurrenceSink): void {
  for (const line of linesOf(text, span)) {
    // Every pattern below needs a digit on the line: most lines of prose have none.
    if (!HAS_DIGIT.test(line.text)) continue;
    addPortWords(line, out);
    for (const m of matchesOf(BARE_COLON_PORT, line.text)) out.addAt(line.start + m.indices[1][0], m[1], 'doc');
    for (const m of matchesOf(CODE_NUMBER, line.text)) {
      if (/\bports?\b/i.test(sentenceAround(line.text, m.index))) out.addAt(line.start + m.indices[1][0], m[1], 'doc');
    }
    for (const code of line.text.matchAll(/`([^`\n]+)`/g)) addCodePorts(code[1], line.start + code.index! + 1, out);
  }
}

/** The sentence (or `;` clause) of a line around `offset`: "port" must be said about this number. */
function sentenceAround(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('! '), before.lastIndexOf('? '));
  const end = text.slice(offset).search(/[.;!?](\s|$)/);
  return text.slice(start < 0 ? 0 : start, end < 0 ? text.length : offset + end);
}

function addPortWords(line: Line, out: OccurrenceSink): void {
  for (const m of matchesOf(PORT_WORD, line.text)) {
    addMatchedPorts(out, line.start, m);
    addListedPorts(line, m.index + m[0].length, out);
  }
}

function addListedPorts(line: Line, from: number, out: OccurrenceSink): void {
  for (let rest = line.text.slice(from), at = from; ; ) {
    const next = LIST_NEXT.exec(rest);
    if (!next) return;
    out.addAt(line.start + at + next.indices![1][0], next[1], 'doc');
    at += next[0].length;
    rest = rest.slice(next[0].length);
  }
}

/** Port flags, settings and named addresses in code: a fenced block or an inline code span at `offset`. */
function addCodePorts(code: string, offset: number, out: OccurrenceSink): void {
  for (const re of FENCED_PORTS) {
    for (const m of matchesOf(re, code)) {
      for (const group of [1, 2]) if (m[group]) out.addAt(offset + m.indices[group]![0], m[group], 'doc');
    }
  }
  addNamedAddresses(code, offset, out);
}

/** `api:3001` inside code: a named host. Image tags (`node:18`, `postgres:15`) are too short to match. */
function addNamedAddresses(code: string, offset: number, out: OccurrenceSink): void {
  for (const m of matchesOf(NAMED_ADDRESS, code)) {
    if (/\b(image|FROM)\s*:?\s*$/.test(code.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.addAt(offset + m.indices[2][0], m[2], 'doc', { host: PROTOCOLS.has(m[1]) ? undefined : m[1] });
  }
}
