import type { PortOccurrence } from '../extract/occurrence';
import { isWildcardHost } from '../syntax/hosts';
import type { RunContext } from './contexts';
import type { Owner } from './ownership';

/** One occurrence that opens a port where its context runs (not only inside a container), with its owner. */
export interface ListenerSite {
  readonly occ: PortOccurrence;
  readonly owner: Owner;
  readonly context: RunContext;
  /** The port this site opens (a range literal's sites open each of its ports). */
  readonly port: number;
  /** Compose `profiles:` of the service (empty: always on). */
  readonly profiles: readonly string[];
  /** Its place among all sites of the workspace (file order, then position), unique: lists keep this order. Only comparable, not a count. */
  readonly ordinal: number;
}

/**
 * One port opened by one owner in one context, on one address and protocol, with every site that
 * says so (a source default, the start script that passes it, the Compose line that publishes it).
 * Checks compare listeners, not pairs of sites, so their cost grows with the listeners and their
 * output with the sites.
 */
export interface Listener {
  readonly port: number;
  readonly owner: Owner;
  readonly context: RunContext;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** The address it binds (`127.0.0.1`), or `*` for every interface. */
  readonly address: string;
  readonly profiles: readonly string[];
  /** In ordinal order; never empty. */
  readonly sites: readonly ListenerSite[];
  /** The same sites by file, each list in position order. */
  readonly sitesByFile: ReadonlyMap<string, readonly ListenerSite[]>;
}

/** Every port an occurrence covers: one, or each of a range literal's. */
export function portsOf(occ: PortOccurrence): number[] {
  if (occ.portEnd === undefined) return [occ.port];
  const out: number[] = [];
  for (let p = occ.port; p <= occ.portEnd; p++) out.push(p);
  return out;
}

/** `file:line` (1-based), as messages write a site. */
export function formatLocation(occ: PortOccurrence): string {
  return `${occ.file}:${occ.range.start.line + 1}`;
}

/** The address a bind site listens on: a literal one, or every interface. */
export function addressOf(occ: PortOccurrence): string {
  if (occ.kind === 'reference' || !occ.host || isWildcardHost(occ.host)) return '*';
  return occ.host.replace(/^\[|\]$/g, '');
}

/** Groups sites (in ordinal order) into listeners of one port: one per owner, context, address and protocol, in order of their first site. */
export function groupListeners(port: number, sites: readonly ListenerSite[]): Listener[] {
  type Building = Omit<Listener, 'sites' | 'sitesByFile'> & { sites: ListenerSite[]; sitesByFile: Map<string, ListenerSite[]> };
  const byKey = new Map<string, Building>();
  for (const site of sites) {
    const protocol = site.occ.protocol ?? 'tcp';
    const address = addressOf(site.occ);
    const key = `${site.owner.id}\u0000${site.context.id}\u0000${protocol}\u0000${address}`;
    let listener = byKey.get(key);
    if (!listener) {
      listener = { port, owner: site.owner, context: site.context, protocol, address, profiles: site.profiles, sites: [], sitesByFile: new Map() };
      byKey.set(key, listener);
    }
    listener.sites.push(site);
    const inFile = listener.sitesByFile.get(site.occ.file);
    if (inFile) inFile.push(site);
    else listener.sitesByFile.set(site.occ.file, [site]);
  }
  return [...byKey.values()];
}

/**
 * Whether two listeners on one port can be in each other's way at all: one protocol, addresses
 * that overlap (every interface overlaps every address), and, in one Compose project, profiles that
 * can be enabled together (a service without profiles always runs).
 */
export function canMeet(a: Listener, b: Listener): boolean {
  if (a.protocol !== b.protocol) return false;
  if (a.address !== '*' && b.address !== '*' && a.address !== b.address) return false;
  if (a.context.id === b.context.id && a.profiles.length && b.profiles.length && !a.profiles.some((p) => b.profiles.includes(p))) return false;
  return true;
}
