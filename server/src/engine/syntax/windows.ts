import type { Span } from '../text';

/**
 * Running a costly pattern only where it can match, with the very matches a global scan over the
 * whole text would give. A caller names the places (windows of whole lines, or start offsets) from
 * something every match must contain (a digit run, a `(` before a quoted argument, `.env`); these
 * helpers do the rest. Being necessary, such a condition never changes what is found.
 */

/** A match with group offsets (`d` flag), its offsets those of the whole text. */
export type IndexedMatch = RegExpExecArray & { indices: RegExpIndicesArray };

/**
 * The matches of global `re` (with `d`) in `text`, looked for inside `windows` only (ascending,
 * disjoint, each from a line start to a line end). Exact when every match the pattern could make
 * anywhere lies inside one window: at a window's edges the pattern sees a line start and a line
 * end either way, and no match can start between windows.
 */
export function* matchesWithin(re: RegExp, text: string, windows: readonly Span[]): Generator<IndexedMatch> {
  for (const w of windows) {
    const part = text.slice(w.start, w.end);
    re.lastIndex = 0;
    for (let m = re.exec(part); m; m = re.exec(part)) {
      if (m[0].length === 0) re.lastIndex++;
      yield shifted(m as IndexedMatch, w.start);
    }
  }
}

/**
 * The matches a global scan of `re` would find, with sticky `re` (`y` and `d`) tried only at
 * `starts` (ascending). Exact when every offset a match can start at is among them.
 */
export function* matchesAt(re: RegExp, text: string, starts: Iterable<number>): Generator<IndexedMatch> {
  let next = 0;
  for (const at of starts) {
    if (at < next) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) continue;
    next = at + Math.max(1, m[0].length);
    yield m as IndexedMatch;
  }
}

/** Offsets where `literal` occurs in `text`, ascending. */
export function* offsetsOf(literal: string, text: string): Generator<number> {
  const head = literal.slice(0, SHORT_PATTERN);
  for (let at = indexOfLiteral(text, literal, 0, head); at >= 0; at = indexOfLiteral(text, literal, at + 1, head)) yield at;
}

/** The longest pattern V8 looks for with its fast search (from seven characters on it switches to one several times slower on source text). */
const SHORT_PATTERN = 6;

/**
 * `text.indexOf(literal, from)`, for a literal of any length at the speed of a short one: a long
 * literal is looked for by its first characters (`head`, which a caller searching many times cuts
 * once), each place confirmed.
 */
export function indexOfLiteral(text: string, literal: string, from = 0, head = literal.slice(0, SHORT_PATTERN)): number {
  if (head.length === literal.length) return text.indexOf(literal, from);
  for (let at = text.indexOf(head, from); at >= 0; at = text.indexOf(head, at + 1)) if (text.startsWith(literal, at)) return at;
  return -1;
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line holding `offset` (the text's length on the last line). */
export function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function shifted(m: IndexedMatch, by: number): IndexedMatch {
  m.index += by;
  for (const pair of m.indices) {
    if (!pair) continue;
    pair[0] += by;
    pair[1] += by;
  }
  return m;
}
