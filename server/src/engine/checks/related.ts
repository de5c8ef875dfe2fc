import type { PortOccurrence } from '../extract/occurrence';
import type { Listener, ListenerSite } from '../topology/listeners';
import type { RelatedLocation } from './finding';

/** A finding never carries more related locations than this, however many sites the others have. */
export const MAX_RELATED = 50;
/** When the cap bites: the sites of each other listener shown before its "and N more". */
const SITES_PER_LISTENER = 3;

/**
 * The related locations of a finding at `from` that point at other listeners' sites. Every site,
 * in file order, while they fit under the cap; past it, each listener's few sites nearest to
 * `from` and one "and N more" entry, so a port written at thousands of sites costs each finding a
 * handful of entries, not thousands.
 */
export function relatedSites(from: PortOccurrence, listeners: readonly Listener[], locations: SiteLocations): RelatedLocation[] {
  const total = listeners.reduce((n, l) => n + l.sites.length, 0);
  if (total <= MAX_RELATED) return locations.sitesOf(listeners);
  const out: RelatedLocation[] = [];
  const ordered = [...listeners].sort((a, b) => a.sites[0].ordinal - b.sites[0].ordinal);
  for (let i = 0; i < ordered.length; i++) {
    const listener = ordered[i];
    const room = MAX_RELATED - out.length;
    const rest = ordered.slice(i);
    if (room <= SITES_PER_LISTENER + 1 && rest.length > 1) {
      out.push(moreListeners(rest));
      break;
    }
    const shown = nearestSites(listener, from, Math.min(SITES_PER_LISTENER, room - 1));
    for (const site of shown) out.push(locations.of(site, listener));
    const hidden = listener.sites.length - shown.length;
    if (hidden > 0) out.push(at(nextHidden(listener, shown).occ, `… and ${hidden} more site${hidden === 1 ? '' : 's'} of ${listener.owner.name} on ${listener.port}`));
  }
  return out;
}

/**
 * The related location of each site, described by its listener, made once per check of a port:
 * each of its findings lists the same sites, and making them anew for each (n findings × n sites
 * of objects and messages) was most of what a keystroke allocated on a port written at dozens of
 * sites. The locations are shared between those findings, which never change them.
 */
export class SiteLocations {
  readonly #made = new Map<ListenerSite, RelatedLocation>();
  readonly #descriptions = new Map<Listener, string>();
  #ordered: readonly { readonly site: ListenerSite; readonly listener: Listener }[] | undefined;

  /** `listeners`: all of the port's, of which each finding lists some. */
  constructor(
    readonly listeners: readonly Listener[],
    readonly describe: (listener: Listener) => string,
  ) {}

  /** The sites of `others` (some of the port's listeners, in their order) in file order. */
  sitesOf(others: readonly Listener[]): RelatedLocation[] {
    // Sorted once per port: each finding then takes its listeners' sites in one pass (a stable
    // sort of the whole keeps the order a sort of each subset would give).
    this.#ordered ??= this.listeners.flatMap((listener) => listener.sites.map((site) => ({ site, listener }))).sort((a, b) => a.site.ordinal - b.site.ordinal);
    const listed = new Set(others);
    const out: RelatedLocation[] = [];
    for (const { site, listener } of this.#ordered) if (listed.has(listener)) out.push(this.of(site, listener));
    return out;
  }

  of(site: ListenerSite, listener: Listener): RelatedLocation {
    let made = this.#made.get(site);
    if (!made) this.#made.set(site, (made = at(site.occ, this.#description(listener))));
    return made;
  }

  #description(listener: Listener): string {
    let description = this.#descriptions.get(listener);
    if (description === undefined) this.#descriptions.set(listener, (description = this.describe(listener)));
    return description;
  }
}

function at(occ: PortOccurrence, message: string): RelatedLocation {
  return { file: occ.file, range: occ.range, message };
}

/** One entry for the listeners the cap leaves out, at the first one's first site. */
function moreListeners(rest: readonly Listener[]): RelatedLocation {
  const sites = rest.reduce((n, l) => n + l.sites.length, 0);
  const owners = new Set(rest.map((l) => l.owner.name)).size;
  return at(rest[0].sites[0].occ, `… and ${sites} more site${sites === 1 ? '' : 's'} of ${owners} more listener${owners === 1 ? '' : 's'} on ${rest[0].port}`);
}

/**
 * The `count` sites of `listener` nearest to `from`: in its file, by line distance (a binary search,
 * since a listener's sites of one file are in position order); elsewhere, the first in file order.
 */
function nearestSites(listener: Listener, from: PortOccurrence, count: number): ListenerSite[] {
  const sameFile = listener.sitesByFile.get(from.file) ?? [];
  if (sameFile.length === 0) return listener.sites.slice(0, count);
  const line = from.range.start.line;
  let lo = 0;
  let hi = sameFile.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sameFile[mid].occ.range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  const picked: ListenerSite[] = [];
  let before = lo - 1;
  let after = lo;
  while (picked.length < count && (before >= 0 || after < sameFile.length)) {
    const up = before >= 0 ? line - sameFile[before].occ.range.start.line : Infinity;
    const down = after < sameFile.length ? sameFile[after].occ.range.start.line - line : Infinity;
    picked.push(up <= down ? sameFile[before--] : sameFile[after++]);
  }
  for (const site of listener.sites) {
    if (picked.length >= count) break;
    if (site.occ.file !== from.file) picked.push(site);
  }
  return picked;
}

/** Where "and N more" points: the listener's first site not shown. */
function nextHidden(listener: Listener, shown: readonly ListenerSite[]): ListenerSite {
  const seen = new Set(shown);
  return listener.sites.find((s) => !seen.has(s)) ?? listener.sites[0];
}
