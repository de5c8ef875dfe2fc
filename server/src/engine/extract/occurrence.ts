import { isTestFile } from '../syntax/fileKinds';
import type { PortRole } from '../syntax/names';
import type { Range, Span } from '../text';

/**
 * How a port literal is used. The kind decides which network namespace it lives in, and so
 * what it can collide with (see shared design: one port, one network namespace).
 * - `bind`: a process listens on it on whatever machine it runs on (source default, `PORT=` in an
 *   env file or start script, `listen 8080` in nginx run on the host, PM2 env).
 * - `publish`: a port opened on the machine by a container runtime: the host side of Compose
 *   `"H:C"`, long-syntax `published`, `network_mode: host`, Kubernetes `hostPort`/`nodePort`.
 * - `expose`: a port inside a container or pod only (`EXPOSE`, Compose `expose:` and the container
 *   side of a mapping, `containerPort`, `targetPort`, a Service `port`). Never collides outside.
 * - `reference`: a client of a port (URL, `*_URL`, `proxy_pass`, scrape target). Never collides;
 *   checked against the listener it names.
 * - `doc`: prose, README, comments, Markdown tables that are not the plan.
 */
export type OccurrenceKind = 'bind' | 'publish' | 'expose' | 'reference' | 'doc';

export interface PortOccurrence {
  /** Workspace-relative path. */
  readonly file: string;
  /** Exact span of the port digits in the file text. */
  readonly span: Span;
  readonly range: Range;
  readonly port: number;
  /** Last port of a range literal (`3000-3005:3000-3005`); the occurrence then covers port..portEnd. */
  readonly portEnd?: number;
  readonly kind: OccurrenceKind;
  /** Which extractor produced it (`compose`, `python`, ...): shown in hovers and JSON. */
  readonly source: string;
  /** Port label where the code names one (`api`, `ui`, `cdp`, `metrics`). */
  readonly label?: string;
  /**
   * A service name the file itself gives (Compose service key, package.json name, PM2 app), or a
   * path containing `/` that the occurrence belongs to (the program a start script runs).
   */
  readonly ownerHint?: string;
  /** Host named in a reference (`localhost`, `mana-credits`), or bind address (`127.0.0.1`). */
  readonly host?: string;
  /**
   * The file says this port is a dummy on purpose (`http://localhost:9  # unreachable`): never stale.
   */
  readonly deliberate?: boolean;
  /** `udp` or `sctp` where the file says so (`"53:53/udp"`, Kubernetes `protocol: UDP`); unset means TCP. */
  readonly protocol?: 'udp' | 'sctp';
  /** The variable or key the literal is assigned to (`MANA_CREDITS_URL`, `PORT`), for stale-reference checks. */
  readonly key?: string;
  /**
   * Groups listeners that share one machine when nothing else says so: a Compose file path for
   * its published ports (services of one Compose project share a host). Unset for plain binds.
   */
  readonly group?: string;
  /**
   * The variable whose default this is (`"${API_PORT:-8010}:8010"`): in effect only while the
   * project's env file does not set it.
   */
  readonly variable?: string;
}

/** In a test file a listener is at most a reference: tests start throwaway servers. */
export function kindIn(path: string, kind: OccurrenceKind): OccurrenceKind {
  return isTestFile(path) && (kind === 'bind' || kind === 'publish' || kind === 'expose') ? 'reference' : kind;
}

/** The listener kind for an own port, the client kind for another service's. */
export function kindForRole(role: PortRole): OccurrenceKind {
  return role === 'own' ? 'bind' : 'reference';
}
