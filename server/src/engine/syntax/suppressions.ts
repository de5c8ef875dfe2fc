import { LineIndex, type Range } from '../text';
import { commentStyleOf, type CommentStyle } from './comments';
import { indexOfLiteral } from './windows';

/**
 * Suppression comments: `port-schema-disable-next-line collision, drift` silences those rules on
 * the line after the comment, `port-schema-disable-line stale-reference` on its own line, with no
 * rule named every rule; text after ` -- ` is the reason and is not read. A comment counts only in
 * a comment syntax of its file's family (`#`, `//`, `/* *\/`, `<!-- -->`, `;`), and only when it
 * starts with the directive, so prose that mentions one does not suppress anything.
 */

export type DirectiveKind = 'next-line' | 'line';

export interface DirectiveRule {
  /** As written: the suppression filter tells a rule id from a typo. */
  readonly id: string;
  readonly range: Range;
}

export interface SuppressionDirective {
  readonly kind: DirectiveKind;
  /** The 0-based line whose findings it silences. */
  readonly line: number;
  /** The rules it names; empty: every rule. */
  readonly rules: readonly DirectiveRule[];
  /** From the directive's first letter to the end of its rule list: where an unused one is reported. */
  readonly range: Range;
}

/** A comment that looks like a directive but is not one (`port-schema-disable` without `-line`). */
export interface DirectiveProblem {
  readonly range: Range;
  readonly message: string;
}

export interface ScannedDirectives {
  readonly directives: readonly SuppressionDirective[];
  readonly problems: readonly DirectiveProblem[];
}

const MARKER = 'port-schema-';
const DIRECTIVE = /^port-schema-(disable-next-line|disable-line|disable|enable(?:-next-line|-line)?)(?![\w-])/;
const CLOSERS: Readonly<Record<string, string>> = { '/*': '*/', '<!--': '-->' };
const NONE: ScannedDirectives = { directives: [], problems: [] };

/** Every suppression comment of one file; a file without the marker costs one `indexOf`. */
export function scanSuppressions(path: string, text: string): ScannedDirectives {
  const first = indexOfLiteral(text, MARKER);
  if (first < 0) return NONE;
  const style = commentStyleOf(path);
  if (!style) return NONE;
  const lines = new LineIndex(text);
  const directives: SuppressionDirective[] = [];
  const problems: DirectiveProblem[] = [];
  for (let at = first; at >= 0; at = indexOfLiteral(text, MARKER, at + MARKER.length)) {
    const opener = openerBefore(text, at, style);
    const m = opener && DIRECTIVE.exec(text.slice(at, at + 64));
    if (!opener || !m) continue;
    const keywordEnd = at + m[0].length;
    const closer = CLOSERS[opener];
    const lineEnd = endOfLine(text, at);
    const closeAt = closer ? text.indexOf(closer, keywordEnd) : -1;
    const bodyEnd = closer && closeAt >= 0 && closeAt < lineEnd ? closeAt : lineEnd;
    if (m[1] !== 'disable-next-line' && m[1] !== 'disable-line') {
      problems.push({ range: lines.rangeOf({ start: at, end: keywordEnd }), message: `port-schema-${m[1]} is not a directive: write port-schema-disable-next-line <rule> above the line, or port-schema-disable-line <rule> on it` });
      continue;
    }
    const rules = ruleList(text, keywordEnd, bodyEnd, lines);
    const commentEnd = closer && closeAt >= 0 ? closeAt : at;
    const kind: DirectiveKind = m[1] === 'disable-line' ? 'line' : 'next-line';
    const line = kind === 'line' ? lines.positionAt(at).line : lines.positionAt(commentEnd).line + 1;
    const last = rules[rules.length - 1];
    directives.push({ kind, line, rules, range: { start: lines.positionAt(at), end: last ? last.range.end : lines.positionAt(keywordEnd) } });
  }
  return { directives, problems };
}

/** The comment marker the directive at `at` follows (only blanks between them), if the family has it. */
function openerBefore(text: string, at: number, style: CommentStyle): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(Math.max(lineStart, at - 200), at).replace(/[ \t]+$/, '');
  return style.openers.find((o) => before.endsWith(o));
}

/** `collision, drift stale-reference -- why`: the ids before ` -- `, each with its range. */
function ruleList(text: string, from: number, to: number, lines: LineIndex): DirectiveRule[] {
  const body = text.slice(from, to);
  const reason = /(?:^|\s)--(?:\s|$)/.exec(body);
  const list = reason ? body.slice(0, reason.index) : body;
  const rules: DirectiveRule[] = [];
  for (const m of list.matchAll(/[^\s,]+/g)) {
    const start = from + m.index;
    rules.push({ id: m[0], range: lines.rangeOf({ start, end: start + m[0].length }) });
  }
  return rules;
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}
