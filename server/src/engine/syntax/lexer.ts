import type { Span } from '../text';
import { lineStartAt } from './windows';

/**
 * The one source lexer every reader of code shares (the language extractors and the PM2
 * ecosystem scanner): where the comments, string literals and template expressions of a file are,
 * found in one pass over the text. Offsets are the file's own, so a port found in the blanked
 * views still points at its digits.
 */

/** How a language writes comments and strings. */
export interface CommentSyntax {
  /** `//` line comments and `/* *\/` blocks. */
  readonly slashes?: boolean;
  /** `#` line comments (Python, shell, nginx, PHP, Ruby). */
  readonly hash?: boolean;
  /** Backtick strings that may span lines (JS templates, Go raw strings). */
  readonly backtick?: boolean;
  /** JS template literals: `${…}` inside a backtick string is code again (with strings and comments of its own). */
  readonly templates?: boolean;
  /** JS regex literals, so `/\/\//` is not a comment. */
  readonly regex?: boolean;
  /** `'''`/`"""` strings; those standing as statements (docstrings) are prose and get blanked. */
  readonly tripleQuotes?: boolean;
  /** `<!-- -->` blocks (Vue and Svelte templates). */
  readonly htmlComments?: boolean;
  /** Shell rules: `#` starts a comment only at a word start; quotes may span lines. */
  readonly shell?: boolean;
}

export const C_LIKE: CommentSyntax = { slashes: true };
export const JS_LIKE: CommentSyntax = { slashes: true, backtick: true, templates: true, regex: true, htmlComments: true };
export const GO_LIKE: CommentSyntax = { slashes: true, backtick: true };
export const PYTHON: CommentSyntax = { hash: true, tripleQuotes: true };
export const SHELL: CommentSyntax = { hash: true, shell: true };
export const HASH_ONLY: CommentSyntax = { hash: true };
export const PHP_LIKE: CommentSyntax = { slashes: true, hash: true };

export interface ScannedSource {
  /** The text with comments (and docstrings) replaced by spaces; line breaks and offsets kept. */
  readonly code: string;
  /** Contents of string literals (inside the quotes), in order of their opening quote. A template literal is one string, its `${…}` included. */
  readonly strings: readonly Span[];
  /** Comments, markers included, in order. */
  readonly comments: readonly Span[];
  /** `${…}` islands of template literals (from `$` to `}`): code inside a string span. */
  readonly templateCode: readonly Span[];
}

export function scanSource(text: string, syntax: CommentSyntax): ScannedSource {
  const scan = new Scan(text, syntax);
  scan.code(0, false);
  return { code: blanked(text, scan.blanks), strings: scan.strings, comments: scan.comments, templateCode: scan.templateCode };
}

/**
 * The code with string contents blanked as well, template expressions kept: braces, keys and
 * commas left in it are structure only (what a scanner of object literals needs).
 */
export function codeWithoutStrings(text: string, scanned: ScannedSource): string {
  const blanks: Span[] = [...scanned.comments];
  for (const s of scanned.strings) {
    let from = s.start;
    for (const island of scanned.templateCode) {
      if (island.start < s.start || island.end > s.end) continue;
      blanks.push({ start: from, end: island.start });
      from = island.end;
    }
    blanks.push({ start: from, end: s.end });
  }
  blanks.sort((a, b) => a.start - b.start);
  return blanked(text, blanks);
}

/** The text of a comment without its markers (`// x`, `# x`, `/* x *\/`, `<!-- x -->`), trimmed. */
export function commentText(text: string, comment: Span): string {
  const raw = text.slice(comment.start, comment.end);
  return raw.replace(/^(?:\/\/|#|\/\*|<!--)/, '').replace(/(?:\*\/|-->)$/, '').trim();
}

/** `text` with every span replaced by spaces, line breaks kept; built from slices and runs of spaces, not characters. */
function blanked(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    out += text.slice(at, start);
    out += spacesFor(text.slice(start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

const LINE_BREAKS = /[\r\n]+/g;

/** As many spaces as `piece` has characters, its line breaks kept: a run of spaces per line, not a replacement per character. */
function spacesFor(piece: string): string {
  let out = '';
  let at = 0;
  LINE_BREAKS.lastIndex = 0;
  for (let m = LINE_BREAKS.exec(piece); m; m = LINE_BREAKS.exec(piece)) {
    out += spaces(m.index - at) + m[0];
    at = LINE_BREAKS.lastIndex;
  }
  return out + spaces(piece.length - at);
}

const SPACES = ' '.repeat(1024);

/** `count` spaces: a slice of one long run (no copy) for all but very long comments. */
function spaces(count: number): string {
  return count <= SPACES.length ? SPACES.slice(0, count) : ' '.repeat(count);
}

/** One pass over a text: a cursor, and what it has found so far. */
class Scan {
  readonly blanks: Span[] = [];
  readonly comments: Span[] = [];
  readonly strings: Span[] = [];
  readonly templateCode: Span[] = [];
  /** What may start a comment, a string or a regex literal. */
  readonly #interesting: RegExp;
  /** The same, and the braces that nest inside a template expression (only there do they matter). */
  readonly #interestingInExpression: RegExp;

  constructor(readonly text: string, readonly syntax: CommentSyntax) {
    const starts = ['"', "'"];
    if (syntax.slashes || syntax.regex) starts.push('/');
    if (syntax.hash) starts.push('#');
    if (syntax.backtick) starts.push('`');
    const chars = (list: string[]) => `[${list.map((c) => (c === '/' ? '\\/' : c)).join('')}]`;
    const html = syntax.htmlComments ? '|<!--' : '';
    this.#interesting = new RegExp(chars(starts) + html, 'g');
    this.#interestingInExpression = syntax.templates ? new RegExp(chars([...starts, '{', '}']) + html, 'g') : this.#interesting;
  }

  /**
   * Scans code from `from`. Inside a template expression (`inExpression`) it stops just past the
   * `}` that closes it; at top level it runs to the end. Returns where it stopped.
   */
  code(from: number, inExpression: boolean): number {
    const { text, syntax } = this;
    const re = inExpression ? this.#interestingInExpression : this.#interesting;
    let depth = 0;
    let i = from;
    while (i < text.length) {
      re.lastIndex = i;
      // `test`, not `exec`: no match array for each of the many quotes and slashes of a file.
      if (!re.test(text)) return text.length;
      i = matchStart(text, re.lastIndex);
      const c = text[i];
      const next = text[i + 1];
      if (c === '{') {
        depth++;
        i++;
      } else if (c === '}') {
        if (inExpression && depth === 0) return i + 1;
        depth = Math.max(0, depth - 1);
        i++;
      } else if (syntax.slashes && c === '/' && next === '/') {
        i = this.#comment(i, lineEnd(text, i));
      } else if (syntax.slashes && c === '/' && next === '*') {
        const close = text.indexOf('*/', i + 2);
        i = this.#comment(i, close < 0 ? text.length : close + 2);
      } else if (syntax.htmlComments && c === '<' && text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        i = this.#comment(i, close < 0 ? text.length : close + 3);
      } else if (syntax.hash && c === '#' && (!syntax.shell || startsShellWord(text, i))) {
        i = this.#comment(i, lineEnd(text, i));
      } else if (syntax.tripleQuotes && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
        i = this.#tripleQuoted(i);
      } else if (c === '"' || c === "'") {
        const { end, contentEnd } = stringEnd(text, i, c, !!syntax.shell, c === "'" && !!syntax.shell);
        this.strings.push({ start: i + 1, end: contentEnd });
        i = end;
      } else if (c === '`' && syntax.backtick) {
        i = syntax.templates ? this.#template(i) : this.#rawString(i);
      } else if (c === '/' && syntax.regex && regexMayStart(text, i)) {
        i = regexEnd(text, i);
      } else {
        i++;
      }
    }
    return text.length;
  }

  #comment(start: number, end: number): number {
    const span = { start, end };
    this.comments.push(span);
    this.blanks.push(span);
    return end;
  }

  #tripleQuoted(open: number): number {
    const quote = this.text.slice(open, open + 3);
    const close = this.text.indexOf(quote, open + 3);
    const end = close < 0 ? this.text.length : close + 3;
    // A triple-quoted string that stands as a statement is a docstring: prose, not a value.
    if (standsAlone(this.text, open)) this.blanks.push({ start: open, end });
    else this.strings.push({ start: open + 3, end: close < 0 ? end : close });
    return end;
  }

  /** Go raw strings: no escapes, no expressions. */
  #rawString(open: number): number {
    const close = this.text.indexOf('`', open + 1);
    const end = close < 0 ? this.text.length : close + 1;
    this.strings.push({ start: open + 1, end: close < 0 ? end : close });
    return end;
  }

  /** A JS template literal: one string span from quote to quote, with its `${…}` islands lexed as code. */
  #template(open: number): number {
    const { text } = this;
    const slot = this.strings.length;
    this.strings.push({ start: open + 1, end: open + 1 });
    let i = open + 1;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '`') break;
      else if (c === '$' && text[i + 1] === '{') {
        const end = this.code(i + 2, true);
        this.templateCode.push({ start: i, end });
        i = end;
      } else i++;
    }
    const close = Math.min(i, text.length);
    this.strings[slot] = { start: open + 1, end: Math.max(open + 1, close) };
    return Math.min(text.length, close + 1);
  }
}

/** Where an interesting token that ends at `end` starts: `<!--` is the only one longer than a character. */
function matchStart(text: string, end: number): number {
  return text.charCodeAt(end - 1) === 45 /* - */ ? end - 4 : end - 1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/**
 * Where a string ends (`end`, where the scan goes on) and where its content does: at its closing
 * quote; at the line break of a single-line string left unclosed (a line still being typed: its
 * last character is still its own), so an apostrophe in a Vue template's prose costs one line, not
 * the file; or at the end of the text.
 */
function stringEnd(text: string, open: number, quote: string, multiline: boolean, raw: boolean): { end: number; contentEnd: number } {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !raw) i++;
    else if (c === quote) return { end: i + 1, contentEnd: i };
    else if (c === '\n' && !multiline) return { end: i, contentEnd: i > open + 1 && text.charCodeAt(i - 1) === 13 ? i - 1 : i };
  }
  return { end: text.length, contentEnd: text.length };
}

/** `#` opens a shell comment only at the start of a word (`$#`, `${#x}`, `a#b` are not comments). */
function startsShellWord(text: string, i: number): boolean {
  return i === 0 || /[\s;|&()]/.test(text[i - 1]);
}

/** A triple-quoted string that begins its line is a docstring or block comment, not a value. */
function standsAlone(text: string, i: number): boolean {
  const start = text.lastIndexOf('\n', i - 1) + 1;
  return /^\s*[rRuUbBfF]?$/.test(text.slice(start, i));
}

/** After these tokens a `/` starts a regex literal rather than a division. */
function regexMayStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0) return true;
  if (/[(,=:[!&|?{};+\-*%<>~^\n]/.test(text[j])) return true;
  return /\b(return|typeof|case|in|of|void|yield|await)$/.test(text.slice(Math.max(0, j - 6), j + 1));
}

function regexEnd(text: string, open: number): number {
  let inClass = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '\n') return i;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i + 1;
  }
  return text.length;
}

/** A bundle or minified file (any line over 1000 characters) is generated: its numbers mean nothing here. */
export function isMinified(text: string): boolean {
  // Such a line covers a whole aligned block of half its limit: only a block without a line break is measured.
  for (let block = 0; block < text.length; block += MINIFIED_LINE / 2) {
    const nl = text.indexOf('\n', block);
    if (nl >= 0 && nl < block + MINIFIED_LINE / 2) continue;
    if ((nl < 0 ? text.length : nl) - lineStartAt(text, block) > MINIFIED_LINE) return true;
  }
  return false;
}

const MINIFIED_LINE = 1000;

/** Every match of a global regex with group offsets (`d` flag required). */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray & { indices: RegExpIndicesArray }> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    yield m as RegExpExecArray & { indices: RegExpIndicesArray };
  }
}

/** Offset of a capture group, for `sink.addAt`. */
export function groupStart(m: RegExpExecArray & { indices: RegExpIndicesArray }, group: number): number {
  return m.indices[group]![0];
}

/** Text of the line before `offset`, on the same line. */
export function linePrefix(text: string, offset: number): string {
  return text.slice(lineStartAt(text, offset), offset);
}

/**
 * Offset just past the bracket that closes the one at `open` (`[`, `(` or `{`), skipping quoted
 * strings on the way (`["[::]:8000"]`), or undefined when it does not close within `limit` characters.
 */
export function bracketEnd(text: string, open: number, limit: number): number | undefined {
  const closers: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  const stack: string[] = [];
  let quote = '';
  for (let i = open; i < Math.min(text.length, open + limit); i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (closers[c]) stack.push(closers[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i + 1;
    }
  }
  return undefined;
}
