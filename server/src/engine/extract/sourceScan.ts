import type { Span } from '../text';
import type { OccurrenceKind } from './occurrence';
import { basename } from '../util/paths';

/**
 * Shared groundwork for the source-code extractors: blank comments out (keeping every offset, so
 * a port in a comment is never a bind and spans stay exact), find string literals, and decide
 * whether a file is a test or generated bundle whose ports say nothing about what runs.
 */

/** How a language writes comments and strings. */
export interface CommentSyntax {
  /** `//` line comments and `/* *\/` blocks. */
  readonly slashes?: boolean;
  /** `#` line comments (Python, shell, nginx, PHP, Ruby). */
  readonly hash?: boolean;
  /** Backtick strings that may span lines (JS templates, Go raw strings). */
  readonly backtick?: boolean;
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
export const JS_LIKE: CommentSyntax = { slashes: true, backtick: true, regex: true, htmlComments: true };
export const GO_LIKE: CommentSyntax = { slashes: true, backtick: true };
export const PYTHON: CommentSyntax = { hash: true, tripleQuotes: true };
export const SHELL: CommentSyntax = { hash: true, shell: true };
export const HASH_ONLY: CommentSyntax = { hash: true };
export const PHP_LIKE: CommentSyntax = { slashes: true, hash: true };

export interface ScannedSource {
  /** The text with comments (and docstrings) replaced by spaces; line breaks and offsets kept. */
  readonly code: string;
  /** Contents of string literals (inside the quotes), in order. */
  readonly strings: readonly Span[];
}

export function scanSource(text: string, syntax: CommentSyntax): ScannedSource {
  const out = text.split('');
  const strings: Span[] = [];
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (syntax.slashes && c === '/' && next === '/') {
      const end = lineEnd(text, i);
      blank(i, end);
      i = end;
    } else if (syntax.slashes && c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      blank(i, end);
      i = end;
    } else if (syntax.htmlComments && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close < 0 ? text.length : close + 3;
      blank(i, end);
      i = end;
    } else if (syntax.hash && c === '#' && (!syntax.shell || startsShellWord(text, i))) {
      const end = lineEnd(text, i);
      blank(i, end);
      i = end;
    } else if (syntax.tripleQuotes && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const quote = text.slice(i, i + 3);
      const close = text.indexOf(quote, i + 3);
      const end = close < 0 ? text.length : close + 3;
      if (standsAlone(text, i)) blank(i, end);
      else strings.push({ start: i + 3, end: Math.max(i + 3, end - 3) });
      i = end;
    } else if (c === '"' || c === "'" || (syntax.backtick && c === '`')) {
      const end = stringEnd(text, i, c, c === '`' || !!syntax.shell, c === "'" && !!syntax.shell);
      strings.push({ start: i + 1, end: Math.max(i + 1, end - 1) });
      i = end;
    } else if (syntax.regex && c === '/' && regexMayStart(text, i)) {
      i = regexEnd(text, i);
    } else {
      i++;
    }
  }
  return { code: out.join(''), strings };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/**
 * Offset just past the closing quote. Single-line strings end at the line break if unclosed, so
 * an apostrophe in a Vue template's prose costs one line, not the file.
 */
function stringEnd(text: string, open: number, quote: string, multiline: boolean, raw: boolean): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !raw) i++;
    else if (c === quote) return i + 1;
    else if (c === '\n' && !multiline) return i;
  }
  return text.length;
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

/** Folders and names that hold tests: ports there are fixtures, not listeners. */
const TEST_FOLDER = /(^|\/)(__tests__|tests?|spec|specs|e2e|__mocks__|testdata|fixtures)\//;
const TEST_NAME = /(\.(test|spec)\.[cm]?[jt]sx?$)|(_test\.(go|py)$)|(^test_.*\.py$)|(^conftest\.py$)|(Tests?\.(java|kt|cs)$)|(_spec\.rb$)/;

export function isTestFile(path: string): boolean {
  return TEST_FOLDER.test(path) || TEST_NAME.test(basename(path));
}

/** In a test file a listener is at most a reference: tests start throwaway servers. */
export function kindIn(path: string, kind: OccurrenceKind): OccurrenceKind {
  return isTestFile(path) && (kind === 'bind' || kind === 'publish' || kind === 'expose') ? 'reference' : kind;
}

/** A bundle or minified file (any line over 1000 characters) is generated: its numbers mean nothing here. */
export function isMinified(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > 1000) return true;
    start = end + 1;
  }
  return false;
}

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
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}
