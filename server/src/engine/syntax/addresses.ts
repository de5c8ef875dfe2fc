/**
 * A config value that is one network address and nothing else: `billing:9102`, `:8080`,
 * `[::1]:5432`, `http://svc:8080/health`, `h2c://grpc:50051`, `localhost:8001-8006`. The readers
 * of monitoring and proxy configs (Prometheus targets, Caddy upstreams, cloudflared services,
 * devcontainer `host:port`) meet values of this one shape; running text goes to `findUrls`.
 */

/** Longer values are not addresses (and are never worth a regex). */
const MAX_ADDRESS_CHARS = 512;
/**
 * Group 1 scheme, 2 host (may be empty, bracketed IPv6, or a variable: `${HOST}`, `{$HOST}`),
 * 3 port or port range. Anchored, so a value with words around the address is not one.
 */
const ADDRESS_VALUE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^\s/@]+@)?(\[[0-9a-fA-F:.]*\]|[A-Za-z0-9_.*${}-]*):(\d{1,5}(?:-\d{1,5})?)(?:[/?#]\S*)?$/di;

export interface Address {
  /** `http`, `ssh`, `h2c`; undefined when the value has no `scheme://`. */
  readonly scheme?: string;
  /** As written, brackets kept (`[::1]`); empty for `:8080`. */
  readonly host: string;
  /** Where the port (or range) starts in the value. */
  readonly portOffset: number;
  /** `9102`, or a range `8001-8006`. */
  readonly portText: string;
}

/**
 * The address a whole value is, or undefined (`12:30` is a time, `retries 3` is words). A bare
 * `word:digits` passes: a caller whose values may be something else (`http_status:404`) asks for a scheme.
 */
export function parseAddress(value: string): Address | undefined {
  if (value.length > MAX_ADDRESS_CHARS) return undefined;
  const m = ADDRESS_VALUE.exec(value);
  if (!m?.indices) return undefined;
  const host = m[2];
  // A host of digits only is a clock or a ratio, not a machine (`10:30`); dotted IPs pass.
  if (/^\d+$/.test(host)) return undefined;
  return { scheme: m[1]?.toLowerCase(), host, portOffset: m.indices[3][0], portText: m[3] };
}

/** The host an address names, or undefined for an empty or `*` one (every interface, this machine). */
export function hostOf(address: Address): string | undefined {
  return address.host && address.host !== '*' ? address.host : undefined;
}
