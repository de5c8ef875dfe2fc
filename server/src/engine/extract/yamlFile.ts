import { templateLanguage } from '../syntax/templates';
import { readYaml, type YamlDoc, type YamlRead } from '../syntax/yamlDoc';
import type { LineIndex, Span } from '../text';
import type { OccurrenceSink, SourceFile } from './extractor';

/** Line ranges named in a message; the rest are counted. */
const MAX_NAMED_RANGES = 3;

/**
 * The documents of a YAML file for a reader (Compose, Kubernetes), telling the sink what it could
 * not read. A template is not read at all (`template`; the index says so once per chart in the
 * log). Otherwise the parser's first error becomes the file's one problem, and the documents the
 * parser rejects are read around the error, so that the ports elsewhere in the file still count.
 * `what` names the file in the message: `Compose file`, `Kubernetes manifest`.
 */
export function readYamlFile(file: SourceFile, sink: OccurrenceSink, what: string): YamlDoc[] {
  const template = templateLanguage(file.path, file.text);
  if (template) {
    sink.template = template;
    return [];
  }
  const read = readYaml(file.text);
  if (read.problem) sink.problem(read.problem.span, problemMessage(what, read, file.lines));
  return read.docs;
}

/** What the parser said, and what was read anyway: the user decides whether the file needs a fix. */
function problemMessage(what: string, read: YamlRead, lines: LineIndex): string {
  const problem = read.problem!;
  if (problem.refused) return `This ${what} was not read: ${problem.message}.`;
  const cause = `Not valid YAML here (${lowerFirst(problem.message)})`;
  if (read.lost > 0) {
    const part = read.docs.length ? 'the broken document' : 'it';
    return `${cause}. Port Schema could not read this ${what} around the error, so the ports in ${part} are not counted.`;
  }
  return `${cause}; other parsers may accept it. Port Schema read this ${what} without ${lineList(read.unread, lines)}: ports there are not counted.`;
}

/** `line 5`, `lines 5-8 and 12`, `lines 5-8, 12, 20 and 2 more places`: 1-based, merged where they touch. */
function lineList(spans: readonly Span[], lines: LineIndex): string {
  const ranges: [number, number][] = [];
  for (const span of spans) {
    const first = lines.positionAt(span.start).line + 1;
    const last = lines.positionAt(Math.max(span.start, span.end - 1)).line + 1;
    const previous = ranges[ranges.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else ranges.push([first, last]);
  }
  if (ranges.length === 0) return 'the broken part';
  const named = ranges.slice(0, MAX_NAMED_RANGES).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  const more = ranges.length - named.length;
  const plural = ranges.length > 1 || ranges[0][0] !== ranges[0][1];
  const list = more > 0 ? `${named.join(', ')} and ${more} more place${more === 1 ? '' : 's'}` : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0];
  return `${plural ? 'lines' : 'line'} ${list}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
