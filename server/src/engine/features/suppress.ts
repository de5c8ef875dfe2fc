import { modify } from 'jsonc-parser';
import { isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import type { Finding, RuleId } from '../checks/finding';
import type { TextEdit } from '../edit';
import { canWriteComment, commentStyleOf, type CommentStyle } from '../syntax/comments';
import { containsPosition, LineIndex, type Range } from '../text';
import { basename, dirname, extname } from '../util/paths';
import type { CodeAction } from './codeActions';
import type { EngineState } from './state';

/**
 * "Ignore this <rule> here": a suppression comment written the way the file writes comments, at
 * the finding's indentation — above its line (`port-schema-disable-next-line`), or at the end of it
 * where a line above would change the file's meaning (between `\`-continued lines, between the rows
 * of a Markdown table). A rule is added to a directive already there rather than stacking another.
 * Formats without comments (package.json, JSON) get an entry in the committed config's `ignore` list.
 */

/** The committed config a JSON file's suppression is written into, with its current text. */
export interface ConfigTarget {
  readonly file: string;
  readonly text: string;
}

const NOT_SUPPRESSIBLE: ReadonlySet<RuleId> = new Set(['config', 'unused-disable']);

export function suppressionFixes(state: EngineState, path: string, text: string, range: Range, config: ConfigTarget | undefined): CodeAction[] {
  const lines = new LineIndex(text);
  const style = commentStyleOf(path);
  const actions: CodeAction[] = [];
  const done = new Set<string>();
  for (const finding of state.findingsIn(path)) {
    if (NOT_SUPPRESSIBLE.has(finding.rule)) continue;
    if (!containsPosition(finding.range, range.start) && !containsPosition(range, finding.range.start)) continue;
    const key = `${finding.rule}:${finding.range.start.line}`;
    if (done.has(key)) continue;
    done.add(key);
    const action = canWriteComment(style) ? commentFix(style, path, text, lines, finding) : style ? undefined : ignoreEntryFix(config, path, finding);
    if (action) actions.push(action);
  }
  return actions;
}

function commentFix(style: CommentStyle, path: string, text: string, lines: LineIndex, finding: Finding): CodeAction | undefined {
  const line = finding.range.start.line;
  const edit = extendDirective(path, lines, line - 1, 'next-line', finding.rule) ?? extendDirective(path, lines, line, 'line', finding.rule) ?? newDirective(style, path, text, lines, line, finding.rule);
  return edit && { kind: 'quickfix', title: `Ignore this ${finding.rule} here`, edits: [edit], finding };
}

/** A directive of this kind already on `line`: the rule is added to its list. */
function extendDirective(path: string, lines: LineIndex, line: number, kind: 'next-line' | 'line', rule: RuleId): TextEdit | undefined {
  if (line < 0) return undefined;
  const lineText = lines.lineText(line);
  const m = new RegExp(`port-schema-disable-${kind}(?![\\w-])((?:[ \\t,]+(?!--(?:\\s|$))[^\\s,]+)*)`).exec(lineText);
  if (!m || !m[1].trim()) return undefined;
  const at = { line, character: m.index + m[0].length };
  return { path, range: { start: at, end: at }, newText: `, ${rule}` };
}

function newDirective(style: CommentStyle, path: string, text: string, lines: LineIndex, line: number, rule: RuleId): TextEdit | undefined {
  const lineText = lines.lineText(line);
  const { open, close } = style.write;
  const above = !(style.continuations && line > 0 && lines.lineText(line - 1).endsWith('\\')) && !(style.tables && /^\s*\|/.test(lineText)) && !inYamlBlockScalar(path, lines, line);
  if (above) {
    const indent = /^[ \t]*/.exec(lineText)![0];
    const at = { line, character: 0 };
    return { path, range: { start: at, end: at }, newText: `${indent}${open}port-schema-disable-next-line ${rule}${close}${eolOf(text)}` };
  }
  if (!style.trailing || (style.continuations && lineText.endsWith('\\')) || inYamlBlockScalar(path, lines, line)) return undefined;
  const at = { line, character: lineText.length };
  return { path, range: { start: at, end: at }, newText: ` ${open}port-schema-disable-line ${rule}${close}` };
}

/** Inside a YAML `|`/`>` block every line is the value's text: no comment can stand there. */
function inYamlBlockScalar(path: string, lines: LineIndex, line: number): boolean {
  if (extname(path) !== '.yaml' && extname(path) !== '.yml') return false;
  let indent = /^[ \t]*/.exec(lines.lineText(line))![0].length;
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const text = lines.lineText(i);
    if (!text.trim()) continue;
    const own = /^[ \t]*/.exec(text)![0].length;
    if (own >= indent) continue;
    if (/(?:^|[:\-\s])[|>][+-]?\d*[ \t]*(?:#.*)?$/.test(text)) return true;
    indent = own;
  }
  return false;
}

/** An `ignore` entry in the committed config, for a file that cannot hold a comment. */
function ignoreEntryFix(config: ConfigTarget | undefined, path: string, finding: Finding): CodeAction | undefined {
  if (!config) return undefined;
  const files = relativeTo(dirname(config.file), path);
  const entry = { files, rule: finding.rule, ...(finding.port ? { port: finding.port } : {}) };
  const edits = extname(config.file) === '.json' || extname(config.file) === '.jsonc' ? jsonIgnoreEntry(config, entry) : yamlIgnoreEntry(config, entry);
  if (!edits.length) return undefined;
  return { kind: 'quickfix', title: `Ignore this ${finding.rule} in ${basename(path)} (in ${config.file})`, edits, finding };
}

interface Entry {
  readonly files: string;
  readonly rule: RuleId;
  readonly port?: number;
}

function jsonIgnoreEntry(config: ConfigTarget, entry: Entry): TextEdit[] {
  const indent = /\n([ \t]+)"/.exec(config.text)?.[1] ?? '  ';
  const edits = modify(config.text, ['ignore', -1], entry, {
    isArrayInsertion: true,
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: eolOf(config.text) },
  });
  const lines = new LineIndex(config.text);
  return edits.map((e) => ({ path: config.file, range: lines.rangeOf({ start: e.offset, end: e.offset + e.length }), newText: e.content }));
}

/** A new `- { files, rule, port }` item after the last one of a block `ignore:` list, or a new `ignore:` section at the end. */
function yamlIgnoreEntry(config: ConfigTarget, entry: Entry): TextEdit[] {
  const doc = parseDocument(config.text, { keepSourceTokens: true });
  if (doc.errors.length || !isMap(doc.contents)) return [];
  const lines = new LineIndex(config.text);
  const eol = eolOf(config.text);
  const item = `{ files: ${yamlString(entry.files)}, rule: ${entry.rule}${entry.port ? `, port: ${entry.port}` : ''} }`;
  const ignore = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'ignore');
  if (!ignore) {
    const end = config.text.length;
    const lead = end === 0 || config.text.endsWith('\n') ? '' : eol;
    return [{ path: config.file, range: lines.rangeOf({ start: end, end }), newText: `${lead}ignore:${eol}  - ${item}${eol}` }];
  }
  const list = ignore.value;
  if (!isSeq(list) || list.flow || !list.items.length) return [];
  const last = list.items[list.items.length - 1];
  const first = list.items[0];
  if (!isNode(last) || !last.range || !isNode(first) || !first.range) return [];
  const dash = config.text.lastIndexOf('-', first.range[0]);
  const indent = ' '.repeat(lines.positionAt(dash).character);
  let end = last.range[1];
  while (end > 0 && /\s/.test(config.text[end - 1])) end--;
  const next = lines.positionAt(end).line + 1;
  const at = next < lines.lineCount ? lines.lineStart(next) : config.text.length;
  const lead = at === config.text.length && !config.text.endsWith('\n') ? eol : '';
  return [{ path: config.file, range: lines.rangeOf({ start: at, end: at }), newText: `${lead}${indent}- ${item}${eol}` }];
}

/** `path` as written from `dir` (`../services/a/package.json`). */
function relativeTo(dir: string, path: string): string {
  if (!dir) return path;
  const from = dir.split('/');
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

function yamlString(value: string): string {
  return /^[\w./-]+$/.test(value) && !/^[-.]/.test(value) ? value : JSON.stringify(value);
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
