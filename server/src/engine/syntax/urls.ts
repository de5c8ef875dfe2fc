/**
 * `scheme://host:port` URLs inside a piece of text. Shared by every reader that meets URLs (env
 * files, YAML values, source strings, nginx, Markdown).
 */
const URL_RE = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s/@:'"`]+(?::[^\s/@'"`]*)?@)?(\[[0-9a-f:.]+\]|[A-Za-z0-9_.${}-]+):(\d{1,5})(?![\d.])/iy;
/** What a scheme is made of: a URL starts within the run of these just before its `://`. */
const SCHEME_CHAR = /[a-z0-9+.-]/i;

/** Schemes whose URLs name a network listener (not `file:`, not `data:`). */
const NETWORK_SCHEMES = /^(https?|wss?|grpc|grpcs|tcp|udp|redis|rediss|postgres|postgresql|mysql|mongodb|amqp|amqps|nats|mqtt|ftp|smtp|ldap|ldaps|kafka|jdbc:[a-z]+|clickhouse|http\+unix)$/i;

export interface UrlMatch {
  readonly host: string;
  readonly portOffset: number;
  readonly portText: string;
}

/**
 * Every URL in `text`, as a global scan of `URL_RE` would find them. A URL holds exactly one `://`,
 * right after its scheme, so the pattern is tried only at the scheme characters before each `://`
 * (leftmost first), never over the rest of the text.
 */
export function findUrls(text: string): UrlMatch[] {
  const out: UrlMatch[] = [];
  let from = 0;
  for (let sep = text.indexOf('://', from); sep >= 0; sep = text.indexOf('://', Math.max(from, sep + 1))) {
    const m = urlBefore(text, sep, from);
    if (!m) continue;
    from = m.index + m[0].length;
    if (!NETWORK_SCHEMES.test(m[1])) continue;
    const portText = m[3];
    const portOffset = m.index + m[0].length - portText.length;
    out.push({ host: m[2], portOffset, portText });
  }
  return out;
}

/** The leftmost URL whose `://` is at `sep`, starting at or after `from`. */
function urlBefore(text: string, sep: number, from: number): RegExpExecArray | undefined {
  let start = sep;
  while (start > from && SCHEME_CHAR.test(text[start - 1])) start--;
  for (let at = start; at < sep; at++) {
    URL_RE.lastIndex = at;
    const m = URL_RE.exec(text);
    if (m) return m;
  }
  return undefined;
}

/** A URL a server is told to listen on. */
export interface ListenUrl {
  readonly scheme: string;
  /** As written: `localhost`, `0.0.0.0`, `[::]`, or .NET's wildcards `+` and `*`. */
  readonly host: string;
  readonly portOffset: number;
  readonly portText: string;
}

/** `http://+:8000`, `https://localhost:7001`: unlike `findUrls`, `+` and `*` are hosts here. */
const LISTEN_URL_RE = /\b(https?|grpc|h2c?):\/\/(\[[0-9a-fA-F:.]*\]|[^\s:/;,'"`[\]]+):(\d{1,5})(?![\d.])/gi;

/**
 * Listen URLs in a value such as ASP.NET Core's `applicationUrl` or `ASPNETCORE_URLS`
 * (`https://localhost:7001;http://localhost:5001`, separated by `;`, `,` or spaces).
 */
export function listenUrls(text: string): ListenUrl[] {
  const out: ListenUrl[] = [];
  LISTEN_URL_RE.lastIndex = 0;
  for (let m = LISTEN_URL_RE.exec(text); m; m = LISTEN_URL_RE.exec(text)) {
    out.push({ scheme: m[1].toLowerCase(), host: m[2], portOffset: m.index + m[0].length - m[3].length, portText: m[3] });
  }
  return out;
}
