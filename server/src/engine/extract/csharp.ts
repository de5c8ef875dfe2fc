import type { Span } from '../text';
import { groupStart, linePrefix, matchesOf } from '../syntax/lexer';
import { listenUrls } from '../syntax/urls';
import type { OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import { addStringReferences } from './stringLiterals';

/**
 * C# listeners: the URLs an ASP.NET Core app is told to listen on in code (`app.Run("http://0.0.0.0:5090")`,
 * `app.Urls.Add(…)`, `UseUrls(…)`, an `HttpListener` prefix), Kestrel's `ListenAnyIP(5001)`,
 * `ListenLocalhost(5002)`, `Listen(IPAddress.Any, 5003)` and a `TcpListener`; then URLs in other
 * strings (`new Uri("http://localhost:5222")`) as references.
 */

/** What precedes a string that is a listen URL: the call, or an earlier argument of `UseUrls`. */
const LISTEN_URL_CALL = /(?:\.(?:Run|RunAsync|UseUrls)|\bUrls\.Add|\bPrefixes\.Add)\((?:[^()]*,)?\s*[@$]{0,2}$/;
/** `ListenAnyIP(5001)`, `ListenLocalhost(5002)`: group 1 which, 2 port. */
const KESTREL_LISTEN = /\.Listen(AnyIP|Localhost)\(\s*(\d{2,5})(?![\w.])/dg;
/** `Listen(IPAddress.Any, 5003)`, `new TcpListener(IPAddress.Loopback, 8000)`: group 1 address, 2 port. */
const ADDRESS_LISTEN = /(?:\.Listen|\bTcpListener)\(\s*IPAddress\.(Any|IPv6Any|Loopback|IPv6Loopback|Parse\(\s*"[^"\n]*"\s*\))\s*,\s*(\d{2,5})(?![\w.])/dg;
const ADDRESS_HOSTS: Readonly<Record<string, string>> = { Any: '0.0.0.0', IPv6Any: '[::]', Loopback: '127.0.0.1', IPv6Loopback: '[::1]' };

export function addCSharpPorts(code: string, strings: readonly Span[], bind: OccurrenceKind, out: OccurrenceSink): void {
  for (const s of strings) {
    if (!LISTEN_URL_CALL.test(linePrefix(code, s.start - 1))) continue;
    for (const u of listenUrls(code.slice(s.start, s.end))) out.addAt(s.start + u.portOffset, u.portText, bind, { host: u.host, label: u.scheme });
  }
  for (const m of matchesOf(KESTREL_LISTEN, code)) out.addAt(groupStart(m, 2), m[2], bind, { host: m[1] === 'Localhost' ? 'localhost' : undefined });
  for (const m of matchesOf(ADDRESS_LISTEN, code)) out.addAt(groupStart(m, 2), m[2], bind, { host: ADDRESS_HOSTS[m[1]] ?? /"([^"]*)"/.exec(m[1])?.[1] });
  addStringReferences(out, code, strings);
}
