import { normalizeServiceName } from '../syntax/names';
import MarkdownIt from 'markdown-it';
import { LineIndex, type Span } from '../text';
import {
  emptyRules,
  locationOf,
  type PlannedPort,
  type PortRange,
  type PortPlan,
  type ReservedBlock,
  type PlanLocation,
  type PlanProblem,
  type ServiceEntry,
} from './portPlan';

/**
 * Markdown port plans (`docs/PORT_SCHEMA.md`, `docs/PORTS.md`), read as their authors write them.
 *
 * Conventions (the two seeds are the reference):
 * - A heading `## 3000-3009: Core Platform Services` opens a bounded range. A heading without numbers
 *   opens a range with no bounds only when a service table sits directly under it and no enclosing
 *   heading already names a range (`## SearXNG (Internal Only)`); `## Principles` and other prose
 *   headings are not ranges. Where a `| Range | Purpose |` table defines the ranges, an unnumbered
 *   heading is only a title (`## PortOS Port Allocations`) and its rows fall in the table's ranges.
 * - A host is named in a heading as `(host: gpu-box)`, or in a `Host` column of a row; the row wins.
 * - A `| Range | Purpose |` table lists ranges. A row whose purpose starts with "Reserved"
 *   (`5561-5569 | Reserved for PortOS extensions`) is a range that is reserved as a whole: it keeps
 *   its place in overlap checks, the next-free-port search skips it, and "Reserved for PortOS ..."
 *   lets PortOS's own services (`portos-db`) use it while others get a `reserved` finding.
 * - A service table has a Port column and a Service/Process column; Label, Runtime, Description and
 *   Host are read as such and every other column is kept in `attributes`. Rows naming the same
 *   service are one service with several ports; `minio (S3 API)` is service `minio`, label `s3-api`.
 *   A row `| 3006-3009 | *(reserved)* |` reserves a block of the section's range.
 * - Blockquotes are commentary (the mana seed's "notable real-world ports"), never plan entries.
 * - Prose (outside tables and blockquotes) saying "contiguous" turns on the contiguous rule, as
 *   PortOS's "Each app should use a contiguous block of ports" does.
 */

/** One cell of a table row: `span` is the content without padding, in file offsets. */
export interface TableCell {
  readonly text: string;
  readonly span: Span;
  /** Between the pipes, padding included. */
  readonly rawSpan: Span;
}

export interface TableRow {
  readonly line: number;
  readonly cells: readonly TableCell[];
}

/** A GFM table of the plan, with what the edits need to rewrite it in place. */
export interface PlanTable {
  readonly kind: 'services' | 'ranges' | 'other';
  /** Header texts, cleaned (`Corresponds to Server`). */
  readonly columns: readonly string[];
  readonly header: TableRow;
  readonly delimiter: TableRow;
  readonly rows: readonly TableRow[];
  /** The range (section) a services table sits in. */
  readonly rangeName?: string;
}

export interface MarkdownPlan {
  readonly plan: PortPlan;
  readonly tables: readonly PlanTable[];
}

export function loadMarkdownPlan(path: string, text: string): PortPlan {
  return parseMarkdownPlan(path, text).plan;
}

type Column = 'port' | 'service' | 'label' | 'runtime' | 'description' | 'host' | 'range';

const COLUMN_NAMES: Readonly<Record<string, Column>> = {
  port: 'port', ports: 'port',
  service: 'service', process: 'service', name: 'service', app: 'service',
  label: 'label', runtime: 'runtime', description: 'description', purpose: 'description', host: 'host', range: 'range',
};

/** A port plan is a few kilobytes; a huge Markdown file is not one, and is not worth parsing. */
const MAX_PLAN_CHARS = 1_000_000;

const RANGE_HEADING = /^(?:ports?\s+)?(\d{1,5})\s*[-–—]\s*(\d{1,5})\b\s*[:–—-]?\s*(.*)$/i;
const HOST_IN_HEADING = /\s*\(\s*host\s*[:=]?\s*([\w.-]+)\s*\)/i;
const RESERVED_CELL = /^\(?\s*reserved\b[^)]*\)?$/i;
const PORT_CELL = /^(\d{1,6})(?:\s*[-–]\s*(\d{1,6}))?(?![\d.])/;

interface RangeDraft {
  name: string;
  start?: number;
  end?: number;
  purpose?: string;
  host?: string;
  reserved: ReservedBlock[];
  location: PlanLocation;
}

interface ServiceDraft {
  name: string;
  ports: PlannedPort[];
  runtime?: string;
  description?: string;
  host?: string;
  rangeName?: string;
  attributes?: Record<string, string>;
  location: PlanLocation;
}

interface Heading {
  readonly level: number;
  readonly text: string;
  readonly line: number;
  readonly host?: string;
  range?: RangeDraft;
}

export function parseMarkdownPlan(path: string, text: string): MarkdownPlan {
  return new MarkdownPlanReader(path, text).read();
}

class MarkdownPlanReader {
  readonly #lines: LineIndex;
  readonly #ranges: RangeDraft[] = [];
  /** Ranges opened by a heading (numbered or not), as opposed to a `| Range |` table row. */
  readonly #headingRanges = new Set<RangeDraft>();
  readonly #services = new Map<string, ServiceDraft>();
  readonly #tables: PlanTable[] = [];
  readonly #problems: PlanProblem[] = [];
  readonly #headings: Heading[] = [];
  #contiguous = false;

  constructor(readonly path: string, readonly text: string) {
    this.#lines = new LineIndex(text);
  }

  read(): MarkdownPlan {
    if (this.text.length > MAX_PLAN_CHARS) {
      this.#problem('schema-parse', 'error', { start: 0, end: 0 }, `is ${this.text.length} characters long; a port plan is a few kilobytes, so it was not read. Point portSchema.schemaFiles at the plan itself`);
      return { plan: this.#plan(), tables: [] };
    }
    const tokens = new MarkdownIt().parse(this.text, {});
    let quoteDepth = 0;
    let afterHeading = false;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type === 'blockquote_open') quoteDepth++;
      else if (token.type === 'blockquote_close') quoteDepth--;
      if (quoteDepth > 0) continue;
      if (token.type === 'heading_open' && token.map) {
        this.#openHeading(Number(token.tag.slice(1)), tokens[i + 1].content, token.map[0]);
        afterHeading = true;
      } else if (token.type === 'inline' && token.map) {
        if (/\bcontiguous\b/i.test(token.content)) this.#contiguous = true;
        const heading = this.#headings[this.#headings.length - 1];
        if (afterHeading && heading?.range && !heading.range.purpose && tokens[i - 1].type === 'paragraph_open') {
          heading.range.purpose = token.content.replace(/\s*\n\s*/g, ' ');
        }
      } else if (token.type === 'table_open' && token.map) {
        this.#readTable(token.map[0], token.map[1]);
        afterHeading = false;
      }
    }
    return { plan: this.#plan(), tables: this.#tables };
  }

  #plan(): PortPlan {
    // Where a `| Range | Purpose |` table defines the ranges, an unnumbered heading over a service
    // table ("## PortOS Port Allocations") is only a title: its rows belong to the table's ranges.
    const fromTables = this.#ranges.some((r) => r.start !== undefined && !this.#headingRanges.has(r));
    const titles = new Set(fromTables ? this.#ranges.filter((r) => r.start === undefined && this.#headingRanges.has(r)).map((r) => r.name) : []);
    const ranges: PortRange[] = this.#ranges.filter((r) => !titles.has(r.name)).map((r) => ({ ...r }));
    const services: ServiceEntry[] = [...this.#services.values()].map((s) => (titles.size ? withoutRange(s, titles) : { ...s }));
    return {
      files: [this.path],
      format: 'markdown',
      ranges,
      services,
      hosts: [],
      rules: { ...emptyRules, contiguous: this.#contiguous },
      problems: this.#problems,
    };
  }

  #openHeading(level: number, content: string, line: number): void {
    while (this.#headings.length && this.#headings[this.#headings.length - 1].level >= level) this.#headings.pop();
    const hostMatch = HOST_IN_HEADING.exec(content);
    const title = cleanCell(content.replace(HOST_IN_HEADING, ''));
    const heading: Heading = { level, text: title, line, ...(hostMatch ? { host: hostMatch[1] } : {}) };
    const bounds = RANGE_HEADING.exec(title);
    if (bounds) {
      heading.range = this.#addRange(bounds[3].trim() || `${bounds[1]}-${bounds[2]}`, Number(bounds[1]), Number(bounds[2]), heading.host, this.#boundsSpan(line, bounds[1]) ?? this.#lineSpan(line));
      this.#headingRanges.add(heading.range);
    }
    this.#headings.push(heading);
  }

  #addRange(name: string, start: number | undefined, end: number | undefined, host: string | undefined, span: Span): RangeDraft {
    const range: RangeDraft = { name, ...(start !== undefined ? { start, end } : {}), ...(host ? { host } : {}), reserved: [], location: this.#loc(span) };
    this.#ranges.push(range);
    return range;
  }

  /** The range the current section belongs to; an unnumbered heading becomes one on first use. */
  #sectionRange(): RangeDraft | undefined {
    const named = [...this.#headings].reverse().find((h) => h.range);
    if (named) return named.range;
    const nearest = this.#headings[this.#headings.length - 1];
    if (!nearest || nearest.level < 2) return undefined;
    nearest.range = this.#addRange(nearest.text, undefined, undefined, nearest.host, this.#lineSpan(nearest.line));
    this.#headingRanges.add(nearest.range);
    return nearest.range;
  }

  #readTable(firstLine: number, endLine: number): void {
    const header = this.#row(firstLine);
    const columns = header.cells.map((c) => c.text);
    const roles = columns.map((c) => COLUMN_NAMES[c.toLowerCase()]);
    const rows: TableRow[] = [];
    for (let line = firstLine + 2; line < endLine; line++) rows.push(this.#row(line));
    const kind = roles.includes('port') && roles.includes('service') ? 'services' : roles.includes('range') ? 'ranges' : 'other';
    const range = kind === 'services' ? this.#sectionRange() : undefined;
    this.#tables.push({ kind, columns, header, delimiter: this.#row(firstLine + 1), rows, ...(range ? { rangeName: range.name } : {}) });
    for (const row of rows) {
      const cells = new Map<Column, TableCell>();
      const extra: Record<string, string> = {};
      row.cells.forEach((cell, i) => {
        const role = roles[i];
        if (role && !cells.has(role)) cells.set(role, cell);
        else if (columns[i] && cell.text) extra[columns[i]] = cell.text;
      });
      if (kind === 'services') this.#serviceRow(row, cells, extra, range);
      else if (kind === 'ranges') this.#rangeRow(row, cells);
    }
  }

  #serviceRow(row: TableRow, cells: ReadonlyMap<Column, TableCell>, extra: Record<string, string>, range: RangeDraft | undefined): void {
    const portCell = cells.get('port');
    const serviceCell = cells.get('service');
    if (!portCell || !serviceCell) return;
    const numbers = PORT_CELL.exec(portCell.text);
    if (!numbers) return; // `TBD`, `—`: no port planned yet, not an entry.
    const entry = this.#rowSpan(row);
    if (RESERVED_CELL.test(serviceCell.text)) {
      const target = range ?? this.#addRange('Reserved', undefined, undefined, undefined, entry);
      const block = this.#reservedBlock(portCell, numbers, entry);
      if (block) target.reserved.push(block);
      return;
    }
    if (numbers[2] !== undefined) {
      this.#problem('invalid-port', 'warning', portCell.span, `lists ${serviceCell.text} on the range ${numbers[0]}; a service row needs one port per row (or mark the row *(reserved)*)`);
      return;
    }
    const port = Number(numbers[1]);
    if (port < 1 || port > 65535) {
      this.#problem('invalid-port', 'error', portCell.span, `gives ${serviceCell.text} the port ${numbers[1]}, which is not a port: use a number from 1 to 65535`);
      return;
    }
    const { name, suffixLabel } = splitServiceName(serviceCell.text);
    const label = cells.get('label')?.text || suffixLabel;
    const description = cells.get('description')?.text || undefined;
    const digitsStart = portCell.span.start + portCell.text.indexOf(numbers[1]);
    const planned: PlannedPort = {
      port,
      ...(label ? { label } : {}),
      ...(description ? { description } : {}),
      location: this.#loc({ start: digitsStart, end: digitsStart + numbers[1].length }),
      entryLocation: this.#loc(entry),
      ...(range ? { rangeName: range.name } : {}),
    };
    this.#addServicePort(name, planned, {
      runtime: cells.get('runtime')?.text || undefined,
      description,
      host: cells.get('host')?.text || this.#headingHost() || range?.host,
      rangeName: range?.name,
      attributes: Object.keys(extra).length ? extra : undefined,
    });
  }

  #addServicePort(name: string, planned: PlannedPort, details: Omit<ServiceDraft, 'name' | 'ports' | 'location'>): void {
    const key = normalizeServiceName(name);
    const existing = this.#services.get(key);
    if (existing) {
      existing.ports.push(planned);
      existing.runtime ??= details.runtime;
      existing.host ??= details.host;
      return;
    }
    const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
    this.#services.set(key, { name, ports: [planned], ...defined, location: planned.entryLocation });
  }

  #rangeRow(row: TableRow, cells: ReadonlyMap<Column, TableCell>): void {
    const rangeCell = cells.get('range');
    const numbers = rangeCell && PORT_CELL.exec(rangeCell.text);
    if (!rangeCell || !numbers) return;
    const entry = this.#rowSpan(row);
    const start = Number(numbers[1]);
    const end = numbers[2] !== undefined ? Number(numbers[2]) : start;
    if (!(start >= 1 && end <= 65535 && start <= end)) {
      this.#problem('invalid-port', 'error', rangeCell.span, `lists the range ${numbers[0]}, which is not a port range: write first-last with ports from 1 to 65535`);
      return;
    }
    const purpose = cells.get('description')?.text || cells.get('service')?.text || '';
    const range = this.#addRange(purpose || numbers[0], start, end, cells.get('host')?.text || this.#headingHost(), entry);
    if (purpose) range.purpose = purpose;
    if (/^\(?\s*reserved\b/i.test(purpose)) {
      const reservedFor = /^\(?\s*reserved\s+for\s+([\w.-]+)/i.exec(purpose)?.[1];
      range.reserved.push({ start, end, note: purpose, ...(reservedFor ? { reservedFor } : {}), location: this.#loc(entry) });
    }
  }

  #reservedBlock(portCell: TableCell, numbers: RegExpExecArray, entry: Span): ReservedBlock | undefined {
    const start = Number(numbers[1]);
    const end = numbers[2] !== undefined ? Number(numbers[2]) : start;
    if (start >= 1 && end <= 65535 && start <= end) return { start, end, note: 'reserved', location: this.#loc(entry) };
    this.#problem('invalid-port', 'error', portCell.span, `reserves ${numbers[0]}, which is not a port range: write first-last with ports from 1 to 65535`);
    return undefined;
  }

  #headingHost(): string | undefined {
    return [...this.#headings].reverse().find((h) => h.host)?.host;
  }

  #row(line: number): TableRow {
    return { line, cells: splitRow(this.#lines.lineText(line), this.#lines.lineStart(line)) };
  }

  /** A row without its indentation and trailing blanks. */
  #rowSpan(row: TableRow): Span {
    return this.#lineSpan(row.line);
  }

  /** Where a heading writes its bounds (`5050-5059`): findings on a range point at its first digit. */
  #boundsSpan(line: number, first: string): Span | undefined {
    const text = this.#lines.lineText(line);
    const m = new RegExp(String.raw`(?<!\d)${first}\s*[-–—]\s*\d{1,5}`).exec(text);
    if (!m) return undefined;
    const start = this.#lines.lineStart(line) + m.index;
    return { start, end: start + m[0].length };
  }

  #lineSpan(line: number): Span {
    const text = this.#lines.lineText(line);
    const start = this.#lines.lineStart(line);
    const lead = text.length - text.trimStart().length;
    return { start: start + lead, end: start + text.trimEnd().length };
  }

  #problem(rule: string, severity: PlanProblem['severity'], span: Span, what: string): void {
    this.#problems.push({ rule, severity, message: `${this.path} ${what}.`, location: this.#loc(span) });
  }

  #loc(span: Span): PlanLocation {
    return locationOf(this.path, this.#lines, span);
  }
}

/**
 * Cells of one table line, split on unescaped pipes. Offsets are file offsets (`lineOffset` is
 * where the line starts). Leading and trailing pipes are optional, as in GFM.
 */
export function splitRow(line: string, lineOffset: number): TableCell[] {
  const pipes: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') pipes.push(i);
  }
  const firstNonBlank = line.length - line.trimStart().length;
  const bounds = pipes[0] === firstNonBlank ? pipes : [firstNonBlank - 1, ...pipes];
  const lastNonBlank = line.trimEnd().length - 1;
  if (bounds[bounds.length - 1] !== lastNonBlank) bounds.push(lastNonBlank + 1);
  const cells: TableCell[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const rawStart = bounds[i] + 1;
    const rawEnd = bounds[i + 1];
    const raw = line.slice(rawStart, rawEnd);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const start = lineOffset + rawStart + lead;
    cells.push({ text: cleanCell(trimmed), span: { start, end: start + trimmed.length }, rawSpan: { start: lineOffset + rawStart, end: lineOffset + rawEnd } });
  }
  return cells;
}

/** Cell text without Markdown emphasis, code ticks and link targets. */
export function cleanCell(raw: string): string {
  return raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\\|/g, '|')
    .replace(/[*`]+/g, '')
    .replace(/(^|\s)_+|_+(\s|$)/g, '$1$2')
    .trim();
}

/** `minio (S3 API)` → service `minio`, label `s3-api`. */
export function splitServiceName(cell: string): { name: string; suffixLabel?: string } {
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(cell);
  if (!m) return { name: cell };
  const label = m[2].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return label ? { name: m[1], suffixLabel: label } : { name: m[1] };
}

function withoutRange(service: ServiceDraft, titles: ReadonlySet<string>): ServiceEntry {
  const strip = <T extends { rangeName?: string }>(x: T): T => {
    if (!x.rangeName || !titles.has(x.rangeName)) return x;
    const { rangeName: _dropped, ...rest } = x;
    return rest as T;
  };
  return { ...strip(service), ports: service.ports.map(strip) } as ServiceEntry;
}
