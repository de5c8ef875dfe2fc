/**
 * A line-level outline of a YAML text that does not need the text to parse: each line's
 * indentation, and the values written over several lines (quoted scalars, flow collections, block
 * scalars) with their exact bounds. It is what lets a rejected file be read around the part the
 * parser chokes on: a quoted string whose continuation sits in column 0 is one value here, however
 * its lines are indented, as it is for PyYAML and Docker.
 */

export interface OutlineLine {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset of its line break (or the end of the text); a `\r` before the `\n` is not part of the line. */
  readonly end: number;
  /** Offset of its first character after the leading whitespace. */
  readonly content: number;
  /**
   * Columns of leading whitespace, a tab advancing to the next multiple of 8 (YAML forbids tabs
   * there, but a tab-indented line is meant to be nested); -1 for a blank or comment-only line.
   */
  readonly indent: number;
}

/** A value that spans lines: from its opening quote, bracket or `|`/`>` to just past its end. */
export interface MultiLineValue {
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface YamlOutline {
  readonly lines: readonly OutlineLine[];
  readonly values: readonly MultiLineValue[];
  /** Per line, the index in `values` of the multi-line value it opens, continues or closes; -1 for none. */
  readonly valueOfLine: Int32Array;
}

/**
 * A quote or bracket that never closes swallows the rest of the file; it is taken to end with its
 * own line instead and the scan goes on after it. This many times per text, then the rest is one value.
 */
const MAX_REOPENS = 16;
/**
 * A mapping key line (`  api:`, `traefik.port: 80`). Met inside an open quote or bracket, no deeper
 * than the line that opened it, it says the quote was never closed (a half-typed `- "8080:80`):
 * the value ends with its own line, as a reader of the file would see it.
 */
const KEY_LINE = /^[\w./-]+:(?:[ \t]|$)/;

export function outlineYaml(text: string): YamlOutline {
  const lines = outlineLines(text);
  const scanner = new ValueScanner(text, lines);
  scanner.run();
  return { lines, values: scanner.values, valueOfLine: scanner.valueOfLine };
}

/** The line that holds `offset` (the last line for the end of the text). */
export function lineAtOffset(outline: YamlOutline, offset: number): number {
  const { lines } = outline;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function outlineLines(text: string): OutlineLine[] {
  const lines: OutlineLine[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline;
    const end = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    const content = contentStart(text, start, end);
    lines.push({ start, end, content, indent: indentOf(text, start, content, end) });
    if (newline < 0) return lines;
    start = newline + 1;
  }
}

function contentStart(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function indentOf(text: string, start: number, content: number, end: number): number {
  if (content === end || text[content] === '#') return -1;
  let column = 0;
  for (let i = start; i < content; i++) column = text[i] === ' ' ? column + 1 : column + 8 - (column % 8);
  return column;
}

/** Where the scan is inside a line: expecting a node, inside a plain scalar, or after a closed one. */
type Mode = 'node' | 'plain' | 'after';

/** A value opened on an earlier line and not closed yet. */
interface OpenValue {
  readonly start: number;
  readonly firstLine: number;
  /** The quote being read (`'` or `"`), or '' outside quotes. */
  quote: string;
  /** `[`/`{` nesting. */
  depth: number;
}

/** An open block scalar: lines indented deeper than `parentColumn` (or blank) are its content. */
interface OpenBlock {
  readonly start: number;
  readonly firstLine: number;
  readonly parentColumn: number;
  lastContentLine: number;
}

class ValueScanner {
  readonly values: MultiLineValue[] = [];
  readonly valueOfLine: Int32Array;
  #open: OpenValue | undefined;
  #block: OpenBlock | undefined;
  #mode: Mode = 'node';
  /** Column of the node the current line's value belongs to (its key, or its `-`): a block scalar's parent. */
  #nodeColumn = 0;
  #reopens = 0;

  constructor(readonly text: string, readonly lines: readonly OutlineLine[]) {
    this.valueOfLine = new Int32Array(lines.length).fill(-1);
  }

  run(): void {
    for (let i = 0; i <= this.lines.length; ) i = i < this.lines.length ? this.#scanLine(i) : this.#endOfText();
    this.values.forEach((value, index) => this.valueOfLine.fill(index, value.firstLine, value.lastLine + 1));
  }

  /** Scans line `i`; returns the line to scan next (an earlier one when an open value turns out never closed). */
  #scanLine(i: number): number {
    const line = this.lines[i];
    if (this.#block && !this.#continuesBlock(i)) this.#closeBlock();
    if (this.#block) return i + 1;
    if (this.#open && this.#neverClosed(i)) return this.#reopen();
    if (this.#open) this.#scanSegment(i, line.start);
    else if (line.indent >= 0) {
      this.#mode = 'node';
      this.#nodeColumn = line.indent;
      this.#scanSegment(i, line.start);
    }
    return i + 1;
  }

  /** A key line inside the open value, no deeper than the line that opened it (and reopens left). */
  #neverClosed(i: number): boolean {
    const line = this.lines[i];
    if (line.indent < 0 || line.indent > this.lines[this.#open!.firstLine].indent || this.#reopens >= MAX_REOPENS) return false;
    return KEY_LINE.test(this.text.slice(line.start, line.end).trimStart());
  }

  /** Blank lines and lines deeper than the block's parent are its content. */
  #continuesBlock(i: number): boolean {
    const line = this.lines[i];
    if (line.indent >= 0 && line.indent <= this.#block!.parentColumn) return false;
    if (line.indent >= 0) this.#block!.lastContentLine = i;
    return true;
  }

  #closeBlock(): void {
    const block = this.#block!;
    this.#block = undefined;
    if (block.lastContentLine > block.firstLine) this.#record(block.start, this.lines[block.lastContentLine].end, block.firstLine, block.lastContentLine);
  }

  /** Reads line `i` from `from` to its end, opening and closing values. */
  #scanSegment(i: number, from: number): void {
    const end = this.lines[i].end;
    for (let pos = from; pos >= 0 && pos < end; ) {
      pos = this.#open?.quote ? this.#inQuote(i, pos) : this.#outsideQuote(i, pos, end);
    }
  }

  /** One step inside a quoted scalar; returns the next position. */
  #inQuote(i: number, pos: number): number {
    const open = this.#open!;
    const c = this.text[pos];
    if (open.quote === '"' && c === '\\') return pos + 2;
    if (c !== open.quote) return pos + 1;
    if (c === "'" && this.text[pos + 1] === "'") return pos + 2;
    open.quote = '';
    this.#mode = 'after';
    if (open.depth === 0) this.#close(i, pos + 1);
    return pos + 1;
  }

  /** One step outside quotes; returns the next position, or -1 when the rest of the line is a comment or a block header. */
  #outsideQuote(i: number, pos: number, end: number): number {
    const c = this.text[pos];
    if (c === ' ' || c === '\t') return pos + 1;
    if (c === '#' && (pos === this.lines[i].start || /[ \t]/.test(this.text[pos - 1]))) return -1;
    const depth = this.#open?.depth ?? 0;
    if (depth > 0 && (c === ',' || c === ']' || c === '}' || c === '[' || c === '{')) return this.#flowPunctuation(i, pos, c);
    if (c === ':' && this.#isIndicator(pos + 1, end, depth)) {
      this.#mode = 'node';
      return pos + 1;
    }
    if (this.#mode !== 'node') return pos + 1;
    return this.#nodeStart(i, pos, end, c, depth);
  }

  /** A node begins at `pos`: a quote, a flow collection, a block scalar, a `-` entry, or a plain scalar. */
  #nodeStart(i: number, pos: number, end: number, c: string, depth: number): number {
    if (c === "'" || c === '"') {
      if (depth === 0) this.#nodeColumn = this.#column(i, pos);
      this.#opening(i, pos).quote = c;
      return pos + 1;
    }
    if (c === '[' || c === '{') return this.#flowPunctuation(i, pos, c);
    if (depth === 0 && (c === '|' || c === '>')) {
      this.#block = { start: pos, firstLine: i, parentColumn: this.#nodeColumn, lastContentLine: i };
      return -1;
    }
    if ((c === '-' || c === '?') && this.#isIndicator(pos + 1, end, depth)) {
      if (depth === 0) this.#nodeColumn = this.#column(i, pos);
      return pos + 1;
    }
    if (c === '&' || c === '!') return this.#skipToken(pos, end);
    if (depth === 0) this.#nodeColumn = this.#column(i, pos);
    this.#mode = 'plain';
    return pos + 1;
  }

  #flowPunctuation(i: number, pos: number, c: string): number {
    if (c === '[' || c === '{') {
      this.#opening(i, pos).depth++;
      this.#mode = 'node';
    } else if (c === ',') {
      this.#mode = 'node';
    } else {
      const open = this.#open!;
      open.depth--;
      this.#mode = 'after';
      if (open.depth === 0) this.#close(i, pos + 1);
    }
    return pos + 1;
  }

  /** The open value a quote or bracket at `pos` belongs to: the current one, or a new one starting here. */
  #opening(i: number, pos: number): OpenValue {
    this.#open ??= { start: pos, firstLine: i, quote: '', depth: 0 };
    return this.#open;
  }

  #close(i: number, end: number): void {
    const open = this.#open!;
    this.#open = undefined;
    if (i > open.firstLine) this.#record(open.start, end, open.firstLine, i);
  }

  #record(start: number, end: number, firstLine: number, lastLine: number): void {
    this.values.push({ start, end, firstLine, lastLine });
  }

  /** `:`, `-` and `?` are indicators when followed by a space, the line end or (in a flow) a flow character. */
  #isIndicator(next: number, end: number, depth: number): boolean {
    if (next >= end) return true;
    const c = this.text[next];
    return c === ' ' || c === '\t' || (depth > 0 && (c === ',' || c === ']' || c === '}'));
  }

  /** Skips an anchor or tag (`&base`, `!!str`): the node itself comes after it. */
  #skipToken(pos: number, end: number): number {
    let next = pos + 1;
    while (next < end && !/[ \t,\][{}]/.test(this.text[next])) next++;
    return next;
  }

  /** The column of `pos` on line `i`, counted like `indent` (tabs in the leading whitespace expanded). */
  #column(i: number, pos: number): number {
    const line = this.lines[i];
    return Math.max(line.indent, 0) + Math.max(0, pos - line.content);
  }

  /** A block scalar ends with the text; a quote or bracket still open was never closed. Returns the line to scan next. */
  #endOfText(): number {
    if (this.#block) this.#closeBlock();
    return this.#open ? this.#reopen() : this.lines.length + 1;
  }

  /**
   * The open value was never closed: it is taken to end with its own line, and the lines after it
   * are scanned again. Past the budget of reopens, it runs to the end of the text.
   */
  #reopen(): number {
    const open = this.#open!;
    this.#open = undefined;
    this.#mode = 'node';
    if (this.#reopens++ < MAX_REOPENS) return open.firstLine + 1;
    this.#record(open.start, this.lines[this.lines.length - 1].end, open.firstLine, this.lines.length - 1);
    return this.lines.length + 1;
  }
}
