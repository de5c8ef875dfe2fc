import { addressLiteral } from '../syntax/hosts';
import { GO_LIKE, groupStart, isMinified, linePrefix, matchesOf, scanSource } from '../syntax/lexer';
import { portNameRole } from '../syntax/names';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindForRole, kindIn } from './occurrence';
import { addStringReferences, lookBeforeLexing } from './stringLiterals';

/**
 * Go: listen addresses (`":8080"` handed to `ListenAndServe`/`net.Listen`/`Run` or held in an
 * addr variable), `getEnv("PORT", "3050")`-style helpers and flags, port-named constants and
 * variables (`port = "8080"`, `defaultPort = 3550`), and `host:port`/URL strings as references.
 */

/**
 * A call that listens on the `host:port` string it is given. Elsewhere only a wildcard address
 * (`":8080"`, `"0.0.0.0:8080"`) is a listener; `cartAddr := "cartservice:7070"` is a peer.
 */
const LISTEN_CALL = /(Listen\w*|Serve\w*|\.Run\w*|\.Start)\(\s*(?:"[^"]*"\s*,\s*)?$/;
/** `getEnv("PORT", "3050")`, `envOr("GRPC_PORT", 9090)`, `flag.Int("port", 8080, …)`: group 1 name, 2 port. */
const NAMED_ARGUMENT = /\b\w+(?:\.\w+)?\(\s*(?:&[\w.]+\s*,\s*)?"([\w.-]*(?:port|PORT|Port))"\s*,\s*"?:?(\d{2,5})(?![\w.])/dg;
/** `port = "8080"`, `const defaultPort = 3550`, `var port int = 80`, `Port: 8080`: group 1 name, 2 port. */
const NAMED_VALUE = /\b(?!(?:var|const)\b)([A-Za-z_]\w*)(?:[ \t]+\w+)?[ \t]*(?::=|(?<![=!<>:])=(?!=)|:)[ \t]*"?(\d{2,5})(?![\w.])"?[ \t]*(?=[,;)}\r\n]|$)/dg;

/** The reader's patterns need a `host:port` or URL string (listen addresses, references) or a port name (named arguments and values). */
const MAY_HOLD_PORTS = lookBeforeLexing();

export const goExtractor: Extractor = {
  id: 'go',
  matches: (path) => /\.go$/i.test(path),
  extract(file, out) {
    if (!MAY_HOLD_PORTS.test(file.text) || isMinified(file.text)) return;
    const { code, strings } = scanSource(file.text, GO_LIKE);
    addListenAddresses(file, code, strings, out);
    addNamedPorts(file, code, NAMED_ARGUMENT, new Map(), out);
    addNamedPorts(file, code, NAMED_VALUE, envKeysOfVariables(code), out);
    addStringReferences(out, code, strings);
  },
};

function addListenAddresses(file: SourceFile, code: string, strings: readonly { start: number; end: number }[], out: OccurrenceSink): void {
  for (const s of strings) {
    const address = addressLiteral(code.slice(s.start, s.end));
    if (!address) continue;
    if (!address.wildcard && !LISTEN_CALL.test(linePrefix(code, s.start - 1))) continue;
    const host = address.portOffset > 1 ? address.host : undefined;
    out.addAt(s.start + address.portOffset, address.portText, kindIn(file.path, 'bind'), { host });
  }
}

/** `port := os.Getenv("PORT")` → port ↦ PORT, so the fallback `port = "8080"` gets the env key. */
function envKeysOfVariables(code: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const m of code.matchAll(/\b(\w+)\s*:?=\s*os\.Getenv\(\s*"(\w+)"\s*\)/g)) keys.set(m[1], m[2]);
  return keys;
}

function addNamedPorts(file: SourceFile, code: string, re: RegExp, envKeys: ReadonlyMap<string, string>, out: OccurrenceSink): void {
  for (const m of matchesOf(re, code)) {
    const role = portNameRole(m[1]);
    if (!role) continue;
    const key = envKeys.get(m[1]) ?? (/^[A-Z][A-Z0-9_]*$/.test(m[1]) ? m[1] : undefined);
    out.addAt(groupStart(m, 2), m[2], kindIn(file.path, kindForRole(role)), { key });
  }
}
