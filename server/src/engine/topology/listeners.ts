import type { PortOccurrence } from '../extract/occurrence';
import type { Owner } from './ownership';

/** The network namespace a listener lives in: what it can collide with. */
export type Namespace =
  | { readonly kind: 'host'; readonly name: string } // the plan names the machine
  | { readonly kind: 'group'; readonly name: string } // one Compose project (or files run together)
  | { readonly kind: 'unknown' };

/** One occurrence that opens a port on a machine (not inside a container), with its owner and namespace. */
export interface ListenerSite {
  readonly occ: PortOccurrence;
  readonly owner: Owner;
  readonly ns: Namespace;
  /** Its place among all sites of the workspace (file order, then position): lists keep this order. */
  readonly ordinal: number;
}

/**
 * One port opened by one owner in one namespace, with every site that says so (a source default,
 * the start script that passes it, the Compose line that publishes it). Checks compare listeners,
 * not pairs of sites, so their cost grows with the listeners and their output with the sites.
 */
export interface Listener {
  readonly port: number;
  readonly owner: Owner;
  readonly ns: Namespace;
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

export function namespaceKey(ns: Namespace): string {
  return ns.kind === 'unknown' ? 'unknown' : `${ns.kind}:${ns.name}`;
}

export function describeNamespace(ns: Namespace): string {
  switch (ns.kind) {
    case 'host':
      return `host ${ns.name}`;
    case 'group':
      return `Compose project ${ns.name}`;
    default:
      return 'an unknown host';
  }
}

/** `file:line` (1-based), as messages write a site. */
export function formatLocation(occ: PortOccurrence): string {
  return `${occ.file}:${occ.range.start.line + 1}`;
}

/** Groups sites (in ordinal order) into listeners of one port: one per owner and namespace, in order of their first site. */
export function groupListeners(port: number, sites: readonly ListenerSite[]): Listener[] {
  const byKey = new Map<string, { port: number; owner: Owner; ns: Namespace; sites: ListenerSite[]; sitesByFile: Map<string, ListenerSite[]> }>();
  for (const site of sites) {
    const key = `${site.owner.id}\u0000${namespaceKey(site.ns)}`;
    let listener = byKey.get(key);
    if (!listener) {
      listener = { port, owner: site.owner, ns: site.ns, sites: [], sitesByFile: new Map() };
      byKey.set(key, listener);
    }
    listener.sites.push(site);
    const inFile = listener.sitesByFile.get(site.occ.file);
    if (inFile) inFile.push(site);
    else listener.sitesByFile.set(site.occ.file, [site]);
  }
  return [...byKey.values()];
}
