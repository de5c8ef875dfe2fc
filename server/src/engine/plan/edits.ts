import { normalizeServiceName } from '../syntax/names';
import { modify } from 'jsonc-parser';
import { isMap, isNode, isScalar, parseDocument, type Pair } from 'yaml';
import type { TextEdit } from '../edit';
import { LineIndex, type Span } from '../text';
import { extname } from '../util/paths';
import { parseMarkdownPlan, type PlanTable, type TableRow } from './markdownPlan';
import { rangeContains, type PlannedPort, type PortPlan, type PlanLocation } from './portPlan';
import { isJsonPlanPath } from './yamlPlan';

/**
 * Edits to the plan file, written the way its author wrote it: a port is changed where its digits
 * are (comments and layout untouched); a Markdown table that was aligned stays aligned. The texts
 * are the current plan files; an entry that no longer matches its text gives no edit (stale index).
 */

function isMarkdownPath(path: string): boolean {
  return extname(path) === '.md' || extname(path) === '.markdown';
}

/** Replaces the port of `service` (the `label` one, else its only or first unlabelled port) by `newPort`. */
export function setPlannedPort(plan: PortPlan, texts: ReadonlyMap<string, string>, service: string, label: string | undefined, newPort: number): TextEdit[] {
  const planned = findPlannedPort(plan, service, label);
  const text = planned && texts.get(planned.location.file);
  if (!planned || text === undefined) return [];
  const lines = new LineIndex(text);
  const digits = spanOf(lines, planned.location);
  if (text.slice(digits.start, digits.end) !== String(planned.port)) return [];
  const path = planned.location.file;
  if (isMarkdownPath(path)) return setMarkdownCell(path, text, lines, digits, String(newPort));
  return [{ path, range: planned.location.range, newText: String(newPort) }];
}

function findPlannedPort(plan: PortPlan, service: string, label: string | undefined): PlannedPort | undefined {
  const entry = plan.services.find((s) => normalizeServiceName(s.name) === normalizeServiceName(service));
  if (!entry) return undefined;
  if (label !== undefined) return entry.ports.find((p) => p.label === label) ?? (entry.ports.length === 1 ? entry.ports[0] : undefined);
  return entry.ports.find((p) => !p.label) ?? entry.ports[0];
}

/**
 * Adds a service to the plan: a yaml/json entry under `services`, or a Markdown row in the table of
 * its range, in port order. PM2 plans are code (apps with scripts and env), so nothing is written
 * there: the user adds the app. A service the native plan already has is left alone (use
 * `setPlannedPort`); a Markdown plan takes another labelled row for it, as PortOS's does.
 */
export function addServiceToPlan(
  plan: PortPlan,
  texts: ReadonlyMap<string, string>,
  service: string,
  port: number,
  opts: { label?: string; rangeName?: string } = {},
): TextEdit[] {
  const isNative = (f: string) => !isMarkdownPath(f) && !/\.(?:c|m)?js$/.test(f);
  const file = plan.files.find(isNative) ?? plan.files.find(isMarkdownPath);
  const text = file !== undefined ? texts.get(file) : undefined;
  if (file === undefined || text === undefined) return [];
  if (isMarkdownPath(file)) return addMarkdownRow(plan, file, text, service, port, opts);
  if (plan.services.some((s) => normalizeServiceName(s.name) === normalizeServiceName(service))) return [];
  return isJsonPlanPath(file) ? addJsonService(file, text, service, port, opts) : addYamlService(file, text, service, port, opts);
}

// --- yaml / json ------------------------------------------------------------------------------

function addJsonService(path: string, text: string, service: string, port: number, opts: { label?: string; rangeName?: string }): TextEdit[] {
  const value = { ...(opts.label ? { ports: { [opts.label]: port } } : { port }), ...(opts.rangeName ? { range: opts.rangeName } : {}) };
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const edits = modify(text, ['services', service], value, {
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: eolOf(text) },
  });
  const lines = new LineIndex(text);
  return edits.map((e) => ({ path, range: lines.rangeOf({ start: e.offset, end: e.offset + e.length }), newText: e.content }));
}

/**
 * A new block entry after the last service, indented like its siblings, so comments and layout
 * stay as they are. A flow-style `services: { ... }` is rare; there the Document API rewrites the file.
 */
function addYamlService(path: string, text: string, service: string, port: number, opts: { label?: string; rangeName?: string }): TextEdit[] {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length || !isMap(doc.contents)) return [];
  const lines = new LineIndex(text);
  const eol = eolOf(text);
  const services = doc.contents.items.find((p) => scalarKey(p.key) === 'services');
  const body = (indent: string, step: string) => yamlServiceLines(service, port, opts, indent, step).join(eol) + eol;
  if (!services) {
    return [insertAt(path, lines, text.length, `services:${eol}${body('  ', '  ')}`)];
  }
  const map = services.value;
  if (isMap(map) && map.flow) {
    doc.setIn(['services', service], opts.label ? { ports: { [opts.label]: port } } : { port });
    return [{ path, range: lines.rangeOf({ start: 0, end: text.length }), newText: doc.toString() }];
  }
  const last = isMap(map) ? (map.items[map.items.length - 1] as Pair | undefined) : undefined;
  const keyRange = rangeOf(last?.key);
  if (!last || !keyRange) {
    const keyEnd = rangeOf(services.key)?.[2] ?? 0;
    return [insertAt(path, lines, lineEndAfter(text, lines, keyEnd), body('  ', '  '))];
  }
  const indent = ' '.repeat(lines.positionAt(keyRange[0]).character);
  const valueRange = rangeOf(last.value);
  const lastBody = isMap(last.value) && !last.value.flow ? last.value : undefined;
  const childKey = rangeOf(lastBody?.items[0]?.key);
  const step = childKey ? ' '.repeat(Math.max(1, lines.positionAt(childKey[0]).character - indent.length)) : '  ';
  return [insertAt(path, lines, lineEndAfter(text, lines, valueRange?.[1] ?? keyRange[1]), body(indent, step))];
}

function scalarKey(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  return isNode(node) ? node.range ?? undefined : undefined;
}

function yamlServiceLines(service: string, port: number, opts: { label?: string; rangeName?: string }, indent: string, step: string): string[] {
  const inner = indent + step;
  return [
    `${indent}${yamlScalar(service)}:`,
    opts.label ? `${inner}ports: { ${yamlScalar(opts.label)}: ${port} }` : `${inner}port: ${port}`,
    ...(opts.rangeName ? [`${inner}range: ${yamlScalar(opts.rangeName)}`] : []),
  ];
}

/** Plain when YAML reads it back as the same string, quoted otherwise. */
function yamlScalar(value: string): string {
  return /^[A-Za-z_][\w ./()&-]*$/.test(value) && !/\s$/.test(value) && !/^(?:true|false|null|yes|no|on|off)$/i.test(value) ? value : JSON.stringify(value);
}

/** The offset where the line holding `offset - 1` ends (past its break): the next line's start. */
function lineEndAfter(text: string, lines: LineIndex, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const line = lines.positionAt(offset).line;
  return line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
}

/** An insertion; at the end of a file without a final line break, one is added first. */
function insertAt(path: string, lines: LineIndex, offset: number, newText: string): TextEdit {
  const atEnd = offset === lines.text.length && lines.text.length > 0 && !lines.text.endsWith('\n');
  const pos = lines.positionAt(offset);
  return { path, range: { start: pos, end: pos }, newText: atEnd ? eolOf(lines.text) + newText : newText };
}

// --- Markdown ---------------------------------------------------------------------------------

function setMarkdownCell(path: string, text: string, lines: LineIndex, digits: Span, newPort: string): TextEdit[] {
  const table = parseMarkdownPlan(path, text).tables.find((t) => t.rows.some((r) => r.cells.some((c) => c.span.start <= digits.start && digits.end <= c.span.end)));
  const row = table?.rows.find((r) => r.cells.some((c) => c.span.start <= digits.start && digits.end <= c.span.end));
  const column = row?.cells.findIndex((c) => c.span.start <= digits.start && digits.end <= c.span.end) ?? -1;
  if (!table || !row || column < 0) return [{ path, range: lines.rangeOf(digits), newText: newPort }];
  const cell = row.cells[column];
  const content = text.slice(cell.span.start, digits.start) + newPort + text.slice(digits.end, cell.span.end);
  const grid = new TableGrid(text, lines, table);
  if (!grid.aligned) return [{ path, range: lines.rangeOf(digits), newText: newPort }];
  const contents = grid.contents.map((r) => [...r]);
  contents[grid.rowIndex(row)][column] = content;
  return [grid.rewrite(path, contents)];
}

function addMarkdownRow(plan: PortPlan, path: string, text: string, service: string, port: number, opts: { label?: string; rangeName?: string }): TextEdit[] {
  const tables = parseMarkdownPlan(path, text).tables.filter((t) => t.kind === 'services');
  const table = pickTable(plan, tables, port, opts.rangeName);
  if (!table) return [];
  const lines = new LineIndex(text);
  const grid = new TableGrid(text, lines, table);
  const roles = table.columns.map((c) => c.toLowerCase());
  const hasLabelColumn = roles.includes('label');
  const cells = roles.map((role) => {
    if (role === 'port' || role === 'ports') return String(port);
    if (['service', 'process', 'name', 'app'].includes(role)) return opts.label && !hasLabelColumn ? `${service} (${opts.label})` : service;
    if (role === 'label') return opts.label ?? '';
    return '';
  });
  const position = insertionIndex(table, port);
  if (grid.aligned && !grid.fits(cells)) {
    const contents = grid.contents.map((r) => [...r]);
    contents.splice(position + 2, 0, cells);
    return [grid.rewrite(path, contents)];
  }
  const row = grid.aligned ? grid.render(cells, grid.widths) : `${grid.indent}|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`;
  return [insertAt(path, lines, lineEndAfter(text, lines, grid.endOfLineBefore(position)), row + eolOf(text))];
}

/** The table of the named range, else of the range holding the port, else the only one. */
function pickTable(plan: PortPlan, tables: readonly PlanTable[], port: number, rangeName: string | undefined): PlanTable | undefined {
  const named = (name: string | undefined) => name && tables.find((t) => t.rangeName?.toLowerCase() === name.toLowerCase());
  const holding = plan.ranges.find((r) => rangeContains(r, port) && named(r.name));
  return named(rangeName) || (holding && named(holding.name)) || (tables.length === 1 ? tables[0] : undefined);
}

/** Rows stay in port order; a new port goes before a reserved block that starts on it. */
function insertionIndex(table: PlanTable, port: number): number {
  const portColumn = table.columns.findIndex((c) => /^ports?$/i.test(c));
  const index = table.rows.findIndex((row) => {
    const first = Number(/^\d+/.exec(row.cells[portColumn]?.text ?? '')?.[0] ?? NaN);
    const reserved = row.cells.some((c) => /^\(?\s*reserved\b/i.test(c.text));
    return first > port || (first === port && reserved);
  });
  return index < 0 ? table.rows.length : index;
}

/**
 * A table as a grid of cell contents (Markdown as written). A table is aligned when every column's
 * cells are equally wide on every line; only then is it re-padded, with columns that only grow.
 */
class TableGrid {
  readonly lines: readonly TableRow[];
  readonly contents: readonly string[][];
  readonly widths: number[];
  readonly aligned: boolean;
  readonly indent: string;

  constructor(readonly text: string, readonly index: LineIndex, readonly table: PlanTable) {
    this.lines = [table.header, table.delimiter, ...table.rows];
    this.contents = this.lines.map((row) => row.cells.map((c) => text.slice(c.span.start, c.span.end)));
    this.widths = table.header.cells.map((c) => c.rawSpan.end - c.rawSpan.start);
    this.aligned = this.lines.every((row) => row.cells.length === this.widths.length && row.cells.every((c, i) => c.rawSpan.end - c.rawSpan.start === this.widths[i]));
    const header = index.lineText(table.header.line);
    this.indent = header.slice(0, header.length - header.trimStart().length);
  }

  rowIndex(row: TableRow): number {
    return this.lines.indexOf(row);
  }

  /** End offset of the line after which data row `position` goes (the delimiter for the first). */
  endOfLineBefore(position: number): number {
    const before = position === 0 ? this.table.delimiter : this.table.rows[position - 1];
    return this.index.lineStart(before.line) + this.index.lineText(before.line).length;
  }

  fits(cells: readonly string[]): boolean {
    return cells.every((c, i) => c.length + 2 <= this.widths[i]);
  }

  render(cells: readonly string[], widths: readonly number[]): string {
    return `${this.indent}|${cells.map((c, i) => ` ${c.padEnd(widths[i] - 2)} `).join('|')}|`;
  }

  /** The delimiter row at new widths, keeping its alignment colons and its spacing style. */
  renderDelimiter(widths: readonly number[]): string {
    const cells = this.table.delimiter.cells.map((cell, i) => {
      const raw = this.text.slice(cell.rawSpan.start, cell.rawSpan.end);
      const spaced = raw.startsWith(' ');
      const inner = spaced ? widths[i] - 2 : widths[i];
      const dashes = (raw.trim().startsWith(':') ? ':' : '-') + '-'.repeat(Math.max(1, inner - 2)) + (raw.trim().endsWith(':') ? ':' : '-');
      return spaced ? ` ${dashes} ` : dashes;
    });
    return `${this.indent}|${cells.join('|')}|`;
  }

  /** One edit replacing the whole table by `contents` (header, delimiter, rows) at grown widths. */
  rewrite(path: string, contents: readonly (readonly string[])[]): TextEdit {
    const widths = this.widths.map((w, i) => Math.max(w, ...contents.map((row, r) => (r === 1 ? 0 : (row[i] ?? '').length + 2))));
    const rendered = contents.map((row, r) => (r === 1 ? this.renderDelimiter(widths) : this.render(row, widths)));
    const last = this.lines[this.lines.length - 1].line;
    const span = { start: this.index.lineStart(this.table.header.line), end: this.index.lineStart(last) + this.index.lineText(last).length };
    return { path, range: this.index.rangeOf(span), newText: rendered.join(eolOf(this.text)) };
  }
}

// --- shared -----------------------------------------------------------------------------------

function spanOf(lines: LineIndex, location: PlanLocation): Span {
  return { start: lines.offsetAt(location.range.start), end: lines.offsetAt(location.range.end) };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
