/**
 * What a host in an address says: every interface (a listener's address), this machine, a literal
 * address, or a name. One place, so that "local" means the same to every reader and check.
 */

/** Addresses only a listener writes: every interface (`+` is ASP.NET Core's, as in `http://+:8080`). */
const WILDCARD_HOSTS = new Set(['', '*', '+', '0.0.0.0', '::', '[::]']);

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/** `localhost`, `127.x.x.x`, `::1`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Hosts that mean "the machine this runs on": loopback, a wildcard, and Docker's name for the host
 * from inside a container. A reference to one of these is answered by whatever listens here.
 */
export function isThisMachine(host: string): boolean {
  return isWildcardHost(host) || isLoopbackHost(host) || host === 'host.docker.internal';
}

/** The source of a pattern for a loopback host in running text (`localhost`, `127.0.0.1`, `[::1]`). */
export const LOOPBACK_HOST_PATTERN = String.raw`localhost|127(?:\.\d{1,3}){3}|\[::1\]`;

/** The source of a pattern for a host written as an address, not a name: `localhost` or an IP. */
export const LITERAL_HOST_PATTERN = String.raw`localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]*\]`;

/** `localhost` or an IP address (or a wildcard): certainly an address, whatever surrounds it. */
export function isLiteralHost(host: string): boolean {
  return isWildcardHost(host) || host === 'localhost' || host.startsWith('[') || /^\d/.test(host);
}

/** The host a setting's value names: `http://user@vllm.gpu.internal:8000/v1` and `vllm.gpu.internal` → `vllm.gpu.internal`. */
export function hostOfValue(value: string): string | undefined {
  const m = /^\s*["']?(?:[a-z][\w+.-]*:\/\/)?(?:[^@/\s"']*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][\w.-]*)(?::\d+)?(?:[/?#][^\s"']*)?["']?\s*$/i.exec(value);
  return m && !/^\d+$/.test(m[1]) ? m[1] : undefined;
}

/** A string literal holding exactly `host:port` (`localhost:3550`, `:8080`, `[::]:50051`). */
export interface AddressLiteral {
  readonly host: string;
  /** Offset of the port digits inside the literal's content. */
  readonly portOffset: number;
  readonly portText: string;
  /** Empty, `0.0.0.0`, `[::]`, `*`: only a listener writes these. */
  readonly wildcard: boolean;
  /** `localhost` or an IP address: certainly an address, whatever surrounds it. */
  readonly literalHost: boolean;
}

const ADDRESS = /^(\[[0-9a-fA-F:.]*\]|\*|[A-Za-z][\w.-]*|\d{1,3}(?:\.\d{1,3}){3}|):(\d{2,5})$/;

export function addressLiteral(content: string): AddressLiteral | undefined {
  // The port ends the literal: one not ending in a digit (nearly every string) is no address.
  if (!endsWithDigit(content)) return undefined;
  const m = ADDRESS.exec(content);
  if (!m) return undefined;
  const host = m[1];
  return { host: host || '0.0.0.0', portOffset: host.length + 1, portText: m[2], wildcard: isWildcardHost(host), literalHost: isLiteralHost(host) };
}

function endsWithDigit(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 48 && last <= 57;
}
