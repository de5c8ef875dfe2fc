import { PORT_RANGE, portValue } from '../syntax/portText';
import { findUrls } from '../syntax/urls';
import { LineIndex, type Range, type Span } from '../text';
import type { OccurrenceKind, PortOccurrence } from './occurrence';

/** What an extractor sees: one file, its text and a line index for exact positions. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** Texts of the companion files the extractor named (`Extractor.companions`), by path; a missing one is absent. */
  readonly companions?: ReadonlyMap<string, string>;
}

/** One service of a Compose file, as the project builder and ownership need it. Paths are workspace-relative. */
export interface ComposeServiceFacts {
  /** The key under `services:`. */
  readonly key: string;
  readonly containerName?: string;
  readonly hostname?: string;
  /** `build:` context, and the Dockerfile when named (`dockerfile:` is relative to the context). */
  readonly build?: { readonly context: string; readonly dockerfile?: string };
  readonly image?: string;
  /** `profiles:`: the service starts only when one of them is enabled. */
  readonly profiles: readonly string[];
  /** `network_mode: host`: its ports are the machine's. */
  readonly hostNetwork: boolean;
  /** Workspace files or folders mounted into the container (`./nginx/nginx.conf:/etc/…`). */
  readonly mounts: readonly string[];
  /** `env_file:` files. */
  readonly envFiles: readonly string[];
  /** `${VAR}` ports without a default, resolved against the project's env file (`"${WEB_PORT}:80"`). */
  readonly variablePorts: readonly ComposeVariablePort[];
  /** `expose:` or the command line says which ports the container listens on (a `ports:` mapping only says what it publishes). */
  readonly declaresPorts?: boolean;
  /** Hosts its `environment:` points service settings at (`LLM_SERVICE_HOST: vllm.gpu.internal`, `PAYMENTS_URL: http://host.docker.internal:4302`). */
  readonly envHosts?: readonly { readonly key: string; readonly host: string }[];
}

export interface ComposeVariablePort {
  readonly variable: string;
  /** Which side of the mapping the variable stands for. */
  readonly side: 'host' | 'container';
  readonly protocol?: 'udp' | 'sctp';
  /** The literal address before it (`127.0.0.1:${PORT}:80`). */
  readonly hostIp?: string;
}

/** What a Compose file says besides its ports. */
export interface ComposeFacts {
  /** Top-level `name:` (the project name). */
  readonly name?: string;
  readonly services: readonly ComposeServiceFacts[];
  /** Files merged into this one: top-level `include:`, and `extends: { file }`. */
  readonly merges: readonly string[];
  /** A fragment without `services:` (`.templates/gitea/service.yml`), which a menu merges into a project when chosen. */
  readonly fragment?: boolean;
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
  readonly compose?: ComposeFacts;
  /** A Dockerfile's `COPY`/`ADD` sources (relative to the build context; other stages' `--from` copies left out). */
  readonly copies?: readonly string[];
  /** Code a runner of this file starts, and under which name: a PM2 app's script file and folder. */
  readonly runs?: readonly CodeRun[];
  /** Workspace paths whose code this file starts directly on the machine (scripts, npm scripts, Procfile): it runs on its own. */
  readonly starts?: readonly string[];
  /** Compose files this file runs together: each `docker compose -f a.yml -f b.yml`, each `COMPOSE_FILE=a.yml:b.yml`. */
  readonly composeRuns?: readonly (readonly string[])[];
  /** Kubernetes Services and the workloads whose pods they may select. */
  readonly kubernetes?: readonly KubernetesObject[];
  /** `cp env.default .env` in a script or recipe: which file becomes a folder's `.env`, as written (relative to where it runs). */
  readonly envCopies?: readonly EnvCopy[];
  /** package.json: the package has a `dev`/`start` script. */
  readonly devScript?: boolean;
  /** package.json: a script starts every workspace package's `dev` script on the machine (`turbo run dev`). */
  readonly startsWorkspaces?: boolean;
  /** Positioned reasons the file (or part of it) could not be read. */
  readonly problems?: readonly FileProblem[];
  /** The template language the file is written in (`Helm`, `Jinja`): not read, it is not YAML until rendered. */
  readonly template?: string;
}

/**
 * A Kubernetes object that routes to pods or runs them: a Service with its selector (as `labels`) and
 * where each port entry sends traffic, or a workload with its pod labels and declared container ports.
 */
export interface KubernetesObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly (KubernetesServicePort | KubernetesPodPort)[];
}

export interface KubernetesServicePort {
  readonly port: number;
  /** `targetPort` (else `port`): a number, or the name of a container port. */
  readonly target: number | string;
  /** Where the target is written. */
  readonly range: Range;
  readonly protocol?: 'udp' | 'sctp';
}

export interface KubernetesPodPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: 'udp' | 'sctp';
}

/** `cp SOURCE TARGET` where TARGET is a `.env`: paths as written in the command. */
export interface EnvCopy {
  readonly source: string;
  readonly target: string;
}

/** A runner's claim that `path` (a file or a folder) is the code of `owner`. */
export interface CodeRun {
  readonly path: string;
  /** Where the path is when the runner resolves it from the workspace root instead (`pm2 start reports/ecosystem.config.json` from the root). */
  readonly fromRoot?: string;
  readonly owner: string;
  readonly scope: 'file' | 'folder';
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
  /**
   * Other files whose text decides what this one means (a Procfile's ports come from the `.env` or
   * `bin/dev` beside it), by workspace path; by name alone, like `matches`. The framework hands their
   * texts in `SourceFile.companions` and extracts this file again when one of them changes.
   */
  companions?(path: string): readonly string[];
  /** True for a file some file of this family may name as a companion (cheap, by name): its text is kept. */
  isCompanion?(path: string): boolean;
}

export interface OccurrenceDetails {
  readonly label?: string;
  readonly ownerHint?: string;
  readonly host?: string;
  readonly key?: string;
  readonly group?: string;
  readonly protocol?: 'udp' | 'sctp';
  readonly deliberate?: boolean;
  readonly variable?: string;
}

/** Collects an extractor's results, turning spans into exact ranges and validating ports. */
export class OccurrenceSink {
  readonly occurrences: PortOccurrence[] = [];
  declaredName?: string;
  compose?: ComposeFacts;
  copies?: string[];
  readonly runs: CodeRun[] = [];
  readonly starts: string[] = [];
  readonly composeRuns: string[][] = [];
  readonly envCopies: EnvCopy[] = [];
  readonly kubernetes: KubernetesObject[] = [];
  devScript?: boolean;
  startsWorkspaces?: boolean;
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
      ...detachedDetails(details),
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

  /**
   * Adds a port the file implies without writing its digits (foreman gives a Procfile's fourth process
   * `PORT` = base + 300): recorded on the text that implies it (the process name), not on digits.
   */
  addImplied(span: Span, port: number, kind: OccurrenceKind, details: OccurrenceDetails = {}): void {
    if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) return;
    this.#push(span, port, undefined, kind, details);
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
    return stripUndefined({
      occurrences: this.occurrences,
      declaredName: this.declaredName,
      compose: this.compose,
      copies: this.copies,
      runs: this.runs.length ? this.runs : undefined,
      starts: this.starts.length ? [...new Set(this.starts)] : undefined,
      composeRuns: this.composeRuns.length ? this.composeRuns : undefined,
      envCopies: this.envCopies.length ? this.envCopies : undefined,
      kubernetes: this.kubernetes.length ? this.kubernetes : undefined,
      devScript: this.devScript,
      startsWorkspaces: this.startsWorkspaces,
      problems: this.problems.length ? this.problems : undefined,
      template: this.template,
    }) as FileFacts;
  }
}

/**
 * The details without undefined keys, each string an own copy. A key or host cut from a file's text
 * by a regex is a view of that text in V8: kept in the index, it would keep the whole text alive.
 */
function detachedDetails(details: OccurrenceDetails): Partial<OccurrenceDetails> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) if (v !== undefined) out[k] = typeof v === 'string' ? ownCopy(v) : v;
  return out;
}

/** A string equal to `s` that shares no storage with the text it was cut from (joining forces a fresh flat copy). */
function ownCopy(s: string): string {
  return (' ' + s).slice(1);
}

/** `o` without its undefined-valued keys (facts and occurrences stay small and compare cleanly). */
export function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function sourceFile(path: string, text: string, companions?: ReadonlyMap<string, string>): SourceFile {
  return { path, text, lines: new LineIndex(text), ...(companions ? { companions } : {}) };
}
