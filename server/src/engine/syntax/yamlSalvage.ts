import { parseAllDocuments, type Document } from 'yaml';
import { lineAtOffset, outlineYaml, type YamlOutline } from './yamlLines';
import { joinedSpans, type Span } from '../text';

/**
 * As lenient as the `yaml` package gets: duplicate keys are kept (Compose files repeat `restart:`
 * or `volumes:`, PyYAML keeps the last), and YAML 1.1 leftovers do not fail a document. Errors
 * carry offsets only (no excerpt): a broken file can have thousands, and offsets are all we use.
 */
const PARSE_OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false } as const;
/** Reading around errors is for hand-written files that broke; one this large is generated. */
const MAX_SALVAGE_CHARS = 256 * 1024;
/** Each round blanks what the errors of each document sit in, then parses again. */
const MAX_ROUNDS = 8;
/** Characters parsed over all rounds: a parse costs about a millisecond per kilobyte, and the editor waits. */
const MAX_SALVAGE_WORK = 1_000_000;
/** `---` and `...` separate documents: blanking one would merge a broken document into a sound one. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t]|$)/;

/** Every document of the stream, sound or not. */
export function parseStream(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

/** What a salvage read: the documents, parsed from `text`, the input with the rejected parts blanked. */
export interface Salvage {
  readonly text: string;
  readonly docs: Document.Parsed[];
  /** What was blanked, in file order. */
  readonly blanked: readonly Span[];
}

/**
 * The documents of a text the parser rejects, read around what it rejects. The multi-line value or
 * the line (with what is nested under it) holding each document's first error is blanked — spaces,
 * line breaks kept, so every offset is still the file's — and the text is parsed again, until every
 * document parses or the rounds run out. Undefined when the text is too large to try.
 */
export function salvageDocuments(text: string): Salvage | undefined {
  if (text.length > MAX_SALVAGE_CHARS) return undefined;
  const outline = outlineYaml(text);
  let current = text;
  let docs = parseStream(current);
  const blanked: Span[] = [];
  for (let round = 0, work = text.length; round < MAX_ROUNDS && work + text.length <= MAX_SALVAGE_WORK; round++, work += text.length) {
    const spans = docs.flatMap((d) => spansToBlank(outline, current, d));
    const next = blankSpans(current, spans);
    if (next === current) break;
    blanked.push(...spans);
    current = next;
    docs = parseStream(current);
  }
  return { text: current, docs, blanked: joinedSpans(blanked) };
}

/**
 * What to blank in one document: for its first error the value or the line it sits in (see
 * `spanToBlank`); for the others only multi-line values they sit in. Later errors are often
 * echoes of the first (a quote the parser thinks opens in column 0 and runs to the end), so a
 * line of theirs is not blanked; a broken value of theirs is broken on its own, like the first.
 */
function spansToBlank(outline: YamlOutline, text: string, doc: Document.Parsed): Span[] {
  if (doc.errors.length === 0) return [];
  const first = spanToBlank(outline, text, doc.errors[0].pos[0]);
  const values = doc.errors.slice(1).map((e) => valueSpan(outline, text, e.pos[0]));
  return [first, ...values].filter((s): s is Span => s !== undefined);
}

/**
 * What to blank for an error at `offset`: the multi-line value it sits in, else its line and every
 * line nested under it; the next step up once that is blank already. Never a document marker.
 */
function spanToBlank(outline: YamlOutline, text: string, offset: number): Span | undefined {
  const value = valueSpan(outline, text, offset);
  if (value) return value;
  const line = contentLineAt(outline, offset);
  if (DOCUMENT_MARKER.test(text.slice(outline.lines[line].start, outline.lines[line].end))) return undefined;
  const block = { start: outline.lines[line].start, end: outline.lines[subtreeEnd(outline, text, line)].end };
  return isBlank(text, block) ? undefined : block;
}

/**
 * The multi-line value an error sits in, to the end of its last line — what follows a closed
 * quote there (`4000:4000"` after a quote that swallowed lines) would otherwise be read as a
 * value of the line that opened it. Undefined when there is none, or it is blank already.
 */
function valueSpan(outline: YamlOutline, text: string, offset: number): Span | undefined {
  const value = outline.values[outline.valueOfLine[contentLineAt(outline, offset)]];
  const span = value && { start: value.start, end: outline.lines[value.lastLine].end };
  return span && !isBlank(text, span) ? span : undefined;
}

/** An error at a line break or on a blank line is about the content before it. */
function contentLineAt(outline: YamlOutline, offset: number): number {
  let line = lineAtOffset(outline, offset);
  while (line > 0 && outline.lines[line].indent < 0 && outline.valueOfLine[line] < 0) line--;
  return line;
}

/** The last line nested under `line`: deeper lines, blank lines between them, and multi-line values they open. */
function subtreeEnd(outline: YamlOutline, text: string, line: number): number {
  const { lines, values, valueOfLine } = outline;
  const indent = Math.max(lines[line].indent, 0);
  let last = valueOfLine[line] >= 0 ? values[valueOfLine[line]].lastLine : line;
  for (let j = last + 1; j < lines.length; j++) {
    if (lines[j].indent < 0 && valueOfLine[j] < 0) continue;
    if (lines[j].indent <= indent || DOCUMENT_MARKER.test(text.slice(lines[j].start, lines[j].end))) break;
    last = valueOfLine[j] >= 0 ? Math.max(j, values[valueOfLine[j]].lastLine) : j;
    j = last;
  }
  return last;
}

function isBlank(text: string, span: Span): boolean {
  return !/[^\s]/.test(text.slice(span.start, span.end));
}

/** `text` with every character of the spans but line breaks replaced by a space. */
function blankSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    out += text.slice(at, start) + text.slice(start, span.end).replace(/[^\r\n]/g, ' ');
    at = span.end;
  }
  return out + text.slice(at);
}
