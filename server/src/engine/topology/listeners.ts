import type { PortOccurrence } from '../extract/occurrence';
import type { Owner } from './ownership';

/** The network namespace a listener lives in: what it can collide with. */
export type Namespace =
  | { readonly kind: 'host'; readonly name: string } // the plan names the machine
  | { readonly kind: 'group'; readonly name: string } // one Compose project (or files run together)
  | { readonly kind: 'unknown' };

/** An occurrence that opens a port on a machine (not inside a container), with its owner. */
export interface Listener {
  readonly occ: PortOccurrence;
  readonly owner: Owner;
  readonly ns: Namespace;
}

/** Every port an occurrence covers: one, or each of a range literal's. */
export function portsOf(occ: PortOccurrence): number[] {
  if (occ.portEnd === undefined) return [occ.port];
  const out: number[] = [];
  for (let p = occ.port; p <= occ.portEnd; p++) out.push(p);
  return out;
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
