import type { LineIndex, Range, Span } from '../text';

/** Where a plan element was written: file and exact range, so findings and edits land on it. */
export interface PlanLocation {
  readonly file: string;
  readonly range: Range;
}

export type PlanFormat = 'yaml' | 'json' | 'markdown' | 'pm2';

export interface PortRange {
  /** `Core Platform Services`; a heading without numbers gives a range with no bounds. */
  readonly name: string;
  readonly start?: number;
  readonly end?: number;
  readonly purpose?: string;
  readonly host?: string;
  readonly reserved: readonly ReservedBlock[];
  readonly location: PlanLocation;
}

export interface ReservedBlock {
  readonly start: number;
  readonly end: number;
  readonly note?: string;
  /**
   * Who the block is kept for (`PortOS` in "Reserved for PortOS extensions"): services whose name
   * starts with it may use the block; everyone else gets a `reserved` finding.
   */
  readonly reservedFor?: string;
  readonly location: PlanLocation;
}

/** One port of a service, labelled where the plan labels it (`api`, `ui`, `cdp`, `health`). */
export interface PlannedPort {
  readonly port: number;
  readonly label?: string;
  readonly description?: string;
  /** Exact range of the port number in the plan: edits rewrite just this. */
  readonly location: PlanLocation;
  /** Range of the whole entry (table row, yaml pair) for hovers and diagnostics. */
  readonly entryLocation: PlanLocation;
  /** The range (by name) this port was listed under, when the plan groups services by range. */
  readonly rangeName?: string;
}

export interface ServiceEntry {
  readonly name: string;
  readonly ports: readonly PlannedPort[];
  readonly runtime?: string;
  readonly description?: string;
  readonly host?: string;
  /** Range named explicitly (yaml `range:`), or the section the plan lists it under. */
  readonly rangeName?: string;
  /** Globs (workspace-relative) of the files this service owns. */
  readonly paths?: readonly string[];
  /** Free-form attributes kept from the plan (Markdown extra columns such as "Corresponds to Server"). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly location: PlanLocation;
}

export interface HostEntry {
  readonly name: string;
  readonly address?: string;
  readonly location: PlanLocation;
}

export interface PairRule {
  readonly from: { start: number; end: number };
  readonly to: { start: number; end: number };
  readonly match: 'last-digit' | 'last-two-digits';
}

export interface PlanRules {
  /** Ports to avoid in addition to the built-in well-known list. */
  readonly avoid: readonly number[];
  readonly contiguous: boolean;
  readonly pairs: readonly PairRule[];
}

/**
 * What runs together, as the plan or the config says it (`contexts:` in ports.yaml or
 * port-schema.config.jsonc): a Compose project of these files, on this host, governed or not by the
 * plan; or, with `own`, the processes started on their own.
 */
export interface ContextDeclaration {
  readonly id: string;
  readonly compose?: readonly string[];
  readonly own?: boolean;
  readonly host?: string;
  readonly governed?: boolean;
  readonly location: PlanLocation;
}

/** A problem in the plan itself, positioned in the plan file. */
export interface PlanProblem {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  /** The message as the editor says it, where it differs (a quick fix where the CLI names a command). */
  readonly editorMessage?: string;
  readonly location: PlanLocation;
  readonly port?: number;
  readonly services?: readonly string[];
}

/** The team's port plan, whatever file(s) it came from. */
export interface PortPlan {
  readonly files: readonly string[];
  readonly format: PlanFormat;
  readonly ranges: readonly PortRange[];
  readonly services: readonly ServiceEntry[];
  readonly hosts: readonly HostEntry[];
  readonly rules: PlanRules;
  /** Parse problems (malformed YAML, bad values) found while loading. */
  readonly problems: readonly PlanProblem[];
  /** Run contexts the plan declares (none: the defaults apply). */
  readonly contexts?: readonly ContextDeclaration[];
}

/** The location of a span of one plan file. */
export function locationOf(file: string, lines: LineIndex, span: Span): PlanLocation {
  return { file, range: lines.rangeOf(span) };
}

export const emptyRules: PlanRules = { avoid: [], contiguous: false, pairs: [] };

export function emptyPlan(): PortPlan {
  return { files: [], format: 'yaml', ranges: [], services: [], hosts: [], rules: emptyRules, problems: [] };
}


export function rangeContains(range: PortRange, port: number): boolean {
  return range.start !== undefined && range.end !== undefined && port >= range.start && port <= range.end;
}

/**
 * Well-known ports a plan should not hand out (the seeds' "avoid common ports"), with the software
 * that conventionally owns each: postgres on 5432 is right, an app on 5432 is not.
 * Every port below 1024 is avoided too (privileged, and owned by system services).
 */
export const WELL_KNOWN_PORTS: ReadonlyMap<number, readonly string[]> = new Map<number, readonly string[]>([
  [1080, ['socks']], [1433, ['mssql', 'sqlserver']], [1521, ['oracle']], [1883, ['mqtt', 'mosquitto']],
  [2049, ['nfs']], [2181, ['zookeeper']], [2375, ['docker']], [2376, ['docker']], [3000, []], [3306, ['mysql', 'mariadb']],
  [3389, ['rdp']], [4200, []], [5000, []], [5173, ['vite']], [5432, ['postgres', 'postgresql', 'pg', 'db']], [5672, ['rabbitmq', 'amqp']],
  [5900, ['vnc']], [6379, ['redis', 'valkey', 'cache']], [6443, ['kubernetes', 'k8s']], [8000, []], [8080, []], [8443, []],
  [8888, ['jupyter']], [9092, ['kafka']], [9200, ['elasticsearch', 'opensearch']], [9300, ['elasticsearch', 'opensearch']],
  [11211, ['memcached']], [27017, ['mongo', 'mongodb']],
]);

/** The software a well-known port belongs to, or undefined when the port is not well known. */
export function wellKnownOwners(port: number): readonly string[] | undefined {
  if (port < 1024) return [];
  return WELL_KNOWN_PORTS.get(port);
}
