import { addressLiteral } from '../syntax/hosts';
import { HASH_ONLY, bracketEnd, scanSource } from '../syntax/lexer';
import { portValue } from '../syntax/portText';
import { basename, extname } from '../util/paths';
import type { Extractor, OccurrenceDetails, OccurrenceSink, SourceFile } from './extractor';
import { kindIn, type OccurrenceKind } from './occurrence';

/**
 * Config files of Python application servers that are not Python: uWSGI's ini (`[uwsgi]`
 * `http = :8013`, `socket = 127.0.0.1:3031`), PasteDeploy's `[server:main]` (`port = 6543`,
 * `listen = localhost:6543`, what Pyramid's `development.ini` starts waitress with) and hypercorn's
 * TOML (`bind = ["0.0.0.0:8010"]`). Each listen address is a bind of the process the file starts;
 * Unix sockets, worker counts, timeouts and buffer sizes are not ports.
 */

/** uWSGI options that open a listener, `_` and `-` alike: `http`, `http-socket`, `socket`, `stats`, … */
const UWSGI_LISTEN_KEYS = new Set([
  'http', 'https', 'http-socket', 'https-socket', 'http11-socket', 'socket', 'uwsgi-socket', 'fastcgi-socket', 'scgi-socket',
  'shared-socket', 'stats', 'stats-server',
]);
/** hypercorn's listen settings; `quic_bind` is HTTP/3, on UDP. */
const HYPERCORN_BIND_KEYS = new Set(['bind', 'insecure_bind', 'quic_bind']);
/**
 * `key = value` (or `key: value`) in an ini section: group 1 key, group 2 the value to the end of the
 * line (trailing blanks trimmed in code: a lazy match before `[ \t]*$` is quadratic in them).
 */
const INI_ENTRY = /^[ \t]*([\w.-]+)[ \t]*[=:][ \t]*([^\n]*)$/d;
const INI_SECTION = /^[ \t]*\[([^\]\n]{1,200})\][ \t]*$/;
/** A TOML line that starts a value: group 1 key, the value follows the match. */
const TOML_ENTRY = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*/dgm;
/** A string inside a TOML value: group 2 its content. */
const TOML_STRING = /(['"])([^'"\n]{0,300})\1/dg;
/** Listen settings of a TOML file only count when the file is a hypercorn config (by name). */
const HYPERCORN_TOML = /hypercorn[\w.-]*\.toml$/i;

export const serverConfigExtractor: Extractor = {
  id: 'serverConfig',
  matches: (path) => extname(path) === '.ini' || HYPERCORN_TOML.test(basename(path)),
  extract(file, out) {
    if (extname(file.path) === '.ini') addIniListeners(file, out);
    else addHypercornBinds(file, out);
  },
};

/** Reads `[uwsgi]` and `[server:*]` sections; other ini files (tox, pytest, setup.cfg, alembic) have neither. */
function addIniListeners(file: SourceFile, out: OccurrenceSink): void {
  if (!/^[ \t]*\[(?:uwsgi|server:[^\]]*)\]/im.test(file.text)) return;
  const bind = kindIn(file.path, 'bind');
  let section = '';
  let serverHost: string | undefined;
  for (let line = 0; line < file.lines.lineCount; line++) {
    const text = file.lines.lineText(line);
    const header = INI_SECTION.exec(text);
    if (header) {
      section = header[1].trim().toLowerCase();
      serverHost = section.startsWith('server:') ? sectionValue(file, line + 1, 'host') : undefined;
      continue;
    }
    // `;` and `#` comment lines never match: a key starts with a word character.
    const entry = INI_ENTRY.exec(text);
    if (!entry) continue;
    const key = entry[1].toLowerCase().replace(/_/g, '-');
    const value = entry[2].trimEnd();
    const valueOffset = file.lines.lineStart(line) + entry.indices![2][0];
    if (section === 'uwsgi' && UWSGI_LISTEN_KEYS.has(key)) {
      // `https = :8443,cert.pem,key.pem`: the address comes first.
      addAddress(value.split(',')[0].trim(), valueOffset, bind, key.startsWith('stats') ? { label: 'stats' } : {}, out);
    } else if (section.startsWith('server:') && key === 'port') {
      const port = portValue(value);
      if (port) out.addAt(valueOffset + port.index, port.digits, bind, { host: serverHost });
    } else if (section.startsWith('server:') && key === 'listen') {
      for (const word of value.matchAll(/\S+/g)) addAddress(word[0], valueOffset + (word.index ?? 0), bind, {}, out);
    }
  }
}

/** The value of `key` in the section that starts at `fromLine`, for the host that goes with its `port`. */
function sectionValue(file: SourceFile, fromLine: number, key: string): string | undefined {
  for (let line = fromLine; line < file.lines.lineCount; line++) {
    const text = file.lines.lineText(line);
    if (INI_SECTION.test(text)) return undefined;
    const entry = INI_ENTRY.exec(text);
    if (entry && entry[1].toLowerCase() === key) return entry[2].trimEnd() || undefined;
  }
  return undefined;
}

/** hypercorn TOML: `bind = "0.0.0.0:8000"` or a list of them, at the top level (hypercorn's config is flat). */
function addHypercornBinds(file: SourceFile, out: OccurrenceSink): void {
  const { code } = scanSource(file.text, HASH_ONLY);
  const firstTable = code.search(/^[ \t]*\[/m);
  const bind = kindIn(file.path, 'bind');
  TOML_ENTRY.lastIndex = 0;
  for (let m = TOML_ENTRY.exec(code); m; m = TOML_ENTRY.exec(code)) {
    if (firstTable >= 0 && m.index > firstTable) break;
    if (!HYPERCORN_BIND_KEYS.has(m[1])) continue;
    const start = m.index + m[0].length;
    const value = code.slice(start, valueEnd(code, start));
    const details: OccurrenceDetails = m[1] === 'quic_bind' ? { protocol: 'udp' } : {};
    TOML_STRING.lastIndex = 0;
    for (let s = TOML_STRING.exec(value); s; s = TOML_STRING.exec(value)) addAddress(s[2], start + s.index + 1, bind, details, out);
  }
}

/** A TOML array may span lines (bounded); anything else ends with its line. */
function valueEnd(code: string, start: number): number {
  const lineEnd = code.indexOf('\n', start) < 0 ? code.length : code.indexOf('\n', start);
  return (code[start] === '[' && bracketEnd(code, start, 2000)) || lineEnd;
}

/** `:8013`, `0.0.0.0:8015`, `[::]:8000`: a listener; a Unix socket path or `$(PORT)` is not a port. */
function addAddress(text: string, offset: number, kind: OccurrenceKind, details: OccurrenceDetails, out: OccurrenceSink): void {
  const address = addressLiteral(text);
  if (!address) return;
  out.addAt(offset + address.portOffset, address.portText, kind, { ...details, host: text.startsWith(':') ? undefined : address.host });
}
