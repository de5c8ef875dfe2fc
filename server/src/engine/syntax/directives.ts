/**
 * Line-oriented directive configs (Caddyfile, haproxy.cfg): each line is a directive and its
 * arguments, separated by blanks, with `#` comments and quoted arguments. One pass over the text;
 * every word keeps the file offset of its first character (inside the quotes for a quoted word),
 * so ports found in it point at their digits.
 */

export interface Word {
  /** As written, quotes removed (escapes kept, so offsets stay exact). */
  readonly text: string;
  readonly offset: number;
  readonly quoted: boolean;
}

export interface DirectiveSyntax {
  /** Caddyfile: `"…"` and backtick strings may span lines, and `<<END … END` heredocs are skipped. */
  readonly multiline?: boolean;
}

/** The non-empty lines of `text` as words. `{` and `}` standing alone are words like any other. */
export function directiveLines(text: string, syntax: DirectiveSyntax = {}): Word[][] {
  const lines: Word[][] = [];
  let words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      i++;
      if (words.length) {
        lines.push(words);
        if (syntax.multiline) i = afterHeredoc(text, i, words);
      }
      words = [];
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      i = lineEnd(text, i);
    } else if (c === '"' || (c === '`' && syntax.multiline)) {
      const end = closingQuote(text, i + 1, c, syntax.multiline === true);
      words.push({ text: text.slice(i + 1, end), offset: i + 1, quoted: true });
      // An unclosed quote stops at the line break, which still ends the line.
      i = text[end] === c ? end + 1 : end;
    } else {
      const end = wordEnd(text, i);
      words.push({ text: text.slice(i, end), offset: i, quoted: false });
      i = end;
    }
  }
  if (words.length) lines.push(words);
  return lines;
}

/** Where the word starting at `i` ends: at a blank or a line break (quotes inside a word are its own characters). */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isBlank(text.charCodeAt(j))) j++;
  return j;
}

/** Space, tab, CR, LF (and the rarer vertical tab and form feed). */
function isBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** The closing quote (a backslash escapes it in `"…"`); an unclosed quote ends at the line, or the text when strings span lines. */
function closingQuote(text: string, from: number, quote: string, multiline: boolean): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\\' && quote === '"') j++;
    else if (c === quote) return j;
    else if (c === '\n' && !multiline) return j;
  }
  return text.length;
}

/**
 * A Caddyfile heredoc (`respond <<HTML` … `HTML`) is text, not directives: after a line ending in
 * `<<MARKER`, reading resumes after the marker that starts a later line (`HTML 200` goes on with `200`),
 * or at the end when it never comes.
 */
function afterHeredoc(text: string, lineStart: number, line: readonly Word[]): number {
  const marker = /^<<([A-Za-z_]\w*)$/.exec(line[line.length - 1].text);
  if (!marker) return lineStart;
  const end = new RegExp(`^[ \\t]*${marker[1]}(?![\\w])`, 'gm');
  end.lastIndex = lineStart;
  const found = end.exec(text);
  return found ? found.index + found[0].length : text.length;
}
