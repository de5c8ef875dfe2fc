import type { Finding } from '../checks/finding';
import type { PortOccurrence } from '../extract/occurrence';
import type { Topology } from '../topology/topology';

/**
 * A fingerprint per finding that survives line moves and unrelated edits: what code scanning
 * tracks an alert by (SARIF `partialFingerprints`) and what a baseline remembers. It is built from
 * the rule, the port, the run context, and a stable key of the site — the service it belongs to,
 * the kind of use, the file, and its ordinal among that service's sites in the file — never from a
 * line, a column or a message. Findings with no site of their own (the plan's, a config's) count
 * among the findings of the same rule, port and service in their file.
 */
export function fingerprintFindings(topology: Topology, findings: readonly Finding[]): Map<Finding, string> {
  const sites = new SiteKeys(topology);
  const seen = new Map<string, number>();
  const out = new Map<Finding, string>();
  for (const f of findings) {
    let key = `${f.rule}\u0000${f.port}\u0000${sites.keyOf(f)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n > 0) key += `\u0000#${n}`;
    out.set(f, fnv1a64(key));
  }
  return out;
}

class SiteKeys {
  /** Run contexts each occurrence listens in, by the occurrence. */
  #contexts: Map<PortOccurrence, string> | undefined;
  /** The ordinal of each occurrence among its owner's occurrences in its file, per file and owner. */
  readonly #ownSites = new Map<string, Map<PortOccurrence, number>>();
  /** How many site-less findings of a rule, port and service a file has had so far. */
  readonly #siteless = new Map<string, number>();

  constructor(readonly topology: Topology) {}

  /** `context, service, kind, file, ordinal` of the finding's site. */
  keyOf(f: Finding): string {
    const occ = this.topology.occurrenceAt(f.file, f.range);
    if (!occ) {
      const base = `${f.services[0] ?? ''}\u0000${f.file}`;
      const key = `${f.rule}\u0000${f.port}\u0000${base}`;
      const ordinal = this.#siteless.get(key) ?? 0;
      this.#siteless.set(key, ordinal + 1);
      return `\u0000${base}\u0000file\u0000${ordinal}`;
    }
    const service = this.topology.ownerOf(occ).name;
    return `${this.#contextsOf(occ)}\u0000${service}\u0000${occ.kind}\u0000${f.file}\u0000${this.#ordinal(occ, service)}`;
  }

  #contextsOf(occ: PortOccurrence): string {
    if (!this.#contexts) {
      const sets = new Map<PortOccurrence, Set<string>>();
      for (const site of this.topology.sites) {
        const set = sets.get(site.occ) ?? new Set<string>();
        set.add(site.context.id);
        sets.set(site.occ, set);
      }
      this.#contexts = new Map([...sets].map(([o, ids]) => [o, [...ids].sort().join(',')]));
    }
    return this.#contexts.get(occ) ?? '';
  }

  #ordinal(occ: PortOccurrence, service: string): number {
    const key = `${occ.file}\u0000${service}`;
    let own = this.#ownSites.get(key);
    if (!own) {
      const mine = (this.topology.occurrencesByFile.get(occ.file) ?? []).filter((o) => this.topology.ownerOf(o).name === service);
      mine.sort((a, b) => a.span.start - b.span.start);
      own = new Map(mine.map((o, i) => [o, i]));
      this.#ownSites.set(key, own);
    }
    return own.get(occ) ?? -1;
  }
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a, 64 bits, over the key's UTF-16 code units: 16 hex digits. */
function fnv1a64(key: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = ((hash ^ BigInt(key.charCodeAt(i))) * FNV_PRIME) & MASK;
  return hash.toString(16).padStart(16, '0');
}
