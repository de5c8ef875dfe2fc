/** Positions in text. Lines and characters are 0-based; characters count UTF-16 code units, as LSP does. */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Offset span in a file's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Maps offsets to positions for one text; built once per file version. The line starts are found
 * on first use: most files a reader is handed hold no port, and their index is never asked.
 */
export class LineIndex {
  #starts: number[] | undefined;

  constructor(readonly text: string) {}

  get #lineStarts(): number[] {
    this.#starts ??= lineStartsOf(this.text);
    return this.#starts;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.#lineStarts;
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo] };
  }

  offsetAt(position: Position): number {
    const starts = this.#lineStarts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Start offset of a 0-based line. */
  lineStart(line: number): number {
    const starts = this.#lineStarts;
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }

  /** Text of a 0-based line without its line break. */
  lineText(line: number): string {
    const starts = this.#lineStarts;
    const start = this.lineStart(line);
    const end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** Spans in order of their starts, overlapping and touching ones joined. */
export function joinedSpans(spans: readonly Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = joined[joined.length - 1];
    if (last && span.start <= last.end) joined[joined.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else joined.push(span);
  }
  return joined;
}

/** Offsets where each line begins (after `\n`, `\r\n` or a lone `\r`). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function containsPosition(range: Range, pos: Position): boolean {
  const afterStart = pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}
