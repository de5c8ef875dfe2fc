import { PORT_RANGE, portValue } from '../syntax/portText';
import { findUrls } from '../syntax/urls';
import { LineIndex, type Range, type Span } from '../text';
import type { OccurrenceKind, PortOccurrence } from './occurrence';

/** What an extractor sees: one file, its text and a line index for exact positions. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
}

/**
 * Why (part of) a file could not be read as its format, where: a YAML parse error, a file too
 * absurd to parse. Each becomes one `parse-error` finding, so an unreadable file is never dropped silently.
 */
export interface FileProblem {
  readonly span: Span;
  readonly range: Range;
  readonly message: string;
}

/** Facts an extractor reports besides occurrences; all optional. */
export interface FileFacts {
  readonly occurrences: PortOccurrence[];
  /** Service name the file declares for its folder (package.json `name`). */
  readonly declaredName?: string;
  /** Compose build contexts (`./backend`) keyed by service, relative to the workspace root. */
  readonly buildContexts?: ReadonlyMap<string, string>;
  /** Extra files run together with this one (Compose `include:`, `-f a.yml -f b.yml`). */
  readonly sharesHostWith?: readonly string[];
  /** Workspace files or folders a Compose service mounts from the host (`./nginx/nginx.conf:/etc/…`), to the service key. */
  readonly mounts?: ReadonlyMap<string, string>;
  /** Positioned reasons the file (or part of it) could not be read. */
  readonly problems?: readonly FileProblem[];
  /** The template language the file is written in (`Helm`, `Jinja`): not read, it is not YAML until rendered. */
  readonly template?: string;
}

/**
 * One file family. `matches` decides by path alone (cheap, called for every file);
 * `extract` is pure: text in, occurrences out. It may throw on malformed input: the framework
 * guards every call, logs and carries on.
 */
export interface Extractor {
  readonly id: string;
  matches(path: string): boolean;
  extract(file: SourceFile, out: OccurrenceSink): void;
}

export interface OccurrenceDetails {
  readonly label?: string;
  readonly ownerHint?: string;
  readonly host?: string;
  readonly key?: string;
  readonly group?: string;
  readonly protocol?: 'udp' | 'sctp';
}

/** Collects an extractor's results, turning spans into exact ranges and validating ports. */
export class OccurrenceSink {
  readonly occurrences: PortOccurrence[] = [];
  declaredName?: string;
  readonly buildContexts = new Map<string, string>();
  readonly sharesHostWith: string[] = [];
  readonly mounts = new Map<string, string>();
  readonly problems: FileProblem[] = [];
  template?: string;
  readonly #seen = new Set<string>();

  constructor(readonly file: SourceFile, readonly source: string) {}

  /**
   * Adds the port whose digits sit at `span`. Invalid ports (0, > 65535, not digits) are ignored:
   * extractors find candidates, the sink keeps only real ports. A span is recorded once, so two
   * patterns that catch the same literal do not duplicate it; the first (most specific) wins.
   */
  add(span: Span, kind: OccurrenceKind, details: OccurrenceDetails = {}): void {
    const digits = this.file.text.slice(span.start, span.end);
    if (!/^\d{1,5}$/.test(digits)) return;
    const port = Number(digits);
    if (port < 1 || port > 65535) return;
    this.#push(span, port, undefined, kind, details);
  }

  #push(span: Span, port: number, portEnd: number | undefined, kind: OccurrenceKind, details: OccurrenceDetails): void {
    const id = `${span.start}:${span.end}`;
    if (this.#seen.has(id)) return;
    this.#seen.add(id);
    this.occurrences.push({
      file: this.file.path,
      span,
      range: this.file.lines.rangeOf(span),
      port,
      ...(portEnd !== undefined ? { portEnd } : {}),
      kind,
      source: this.source,
      ...stripUndefined(details),
    });
  }

  /**
   * Adds a port range literal (`3000-3005`) whose whole text sits at `span`. Ranges wider than
   * 1024 ports are ignored: nobody publishes that many on purpose, and indexing them would not scale.
   */
  addRange(span: Span, first: number, last: number, kind: OccurrenceKind, details: OccurrenceDetails = {}): void {
    if (!(first >= 1 && last <= 65535 && first <= last && last - first <= 1024)) return;
    if (first === last) {
      this.#push(span, first, undefined, kind, details);
      return;
    }
    this.#push(span, first, last, kind, details);
  }

  /** Adds a port found by a regex group: `offset` is where `value` starts in the file. */
  addAt(offset: number, value: string, kind: OccurrenceKind, details?: OccurrenceDetails): void {
    const m = /\d+/.exec(value);
    if (!m) return;
    this.add({ start: offset + m.index, end: offset + m.index + m[0].length }, kind, details);
  }

  /** Records a port or a range (`9000-9005`) whose text starts at `offset`; anything else is ignored. */
  addPortOrRange(text: string, offset: number, kind: OccurrenceKind, details: OccurrenceDetails = {}): void {
    const range = PORT_RANGE.exec(text);
    if (range) {
      this.addRange({ start: offset, end: offset + text.length }, Number(range[1]), Number(range[2]), kind, details);
      return;
    }
    const port = portValue(text);
    if (port) this.addAt(offset + port.index, port.digits, kind, details);
  }

  /** Records every network URL in `text` (which starts at `offset` in the file) as a reference (or documentation). */
  addUrls(text: string, offset: number, details: OccurrenceDetails = {}, kind: 'reference' | 'doc' = 'reference'): void {
    for (const u of findUrls(text)) this.addAt(offset + u.portOffset, u.portText, kind, { ...details, host: u.host });
  }

  /** Records why the text at `span` could not be read (one `parse-error` finding there). */
  problem(span: Span, message: string): void {
    this.problems.push({ span, range: this.file.lines.rangeOf(span), message });
  }

  /** True when the span was already recorded (lets a generic pass skip what a specific one took). */
  has(span: Span): boolean {
    return this.#seen.has(`${span.start}:${span.end}`);
  }

  facts(): FileFacts {
    return {
      occurrences: this.occurrences,
      declaredName: this.declaredName,
      buildContexts: this.buildContexts.size ? this.buildContexts : undefined,
      sharesHostWith: this.sharesHostWith.length ? this.sharesHostWith : undefined,
      mounts: this.mounts.size ? this.mounts : undefined,
      problems: this.problems.length ? this.problems : undefined,
      template: this.template,
    };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function sourceFile(path: string, text: string): SourceFile {
  return { path, text, lines: new LineIndex(text) };
}
