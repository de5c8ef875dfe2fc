import { directiveLines, type Word } from '../syntax/directives';
import { isWildcardHost } from '../syntax/hosts';
import { basename } from '../util/paths';
import type { Extractor, OccurrenceDetails, OccurrenceSink, SourceFile } from './extractor';
import { kindIn, type OccurrenceKind } from './occurrence';

/**
 * HAProxy configs. `bind *:80`, `bind :443 ssl crt …`, `bind 127.0.0.1:8404,:8405` and the address
 * on a `listen name addr` line are HAProxy's own listeners (binds); `server web1 app1:8080 check`,
 * `server-template`, a resolver's `nameserver` and a `mailer` name other listeners (references).
 * `maxconn 4096`, `timeout connect 5s`, `retries 3`, `inter 2s`, `http-check expect status 200`,
 * weights and ACLs are never read. `peer` lines are left alone: one of them is this HAProxy itself,
 * and the file does not say which.
 */

const SECTIONS = new Set([
  'global', 'defaults', 'frontend', 'backend', 'listen', 'peers', 'resolvers', 'userlist', 'mailers', 'program',
  'http-errors', 'ring', 'cache', 'log-forward', 'fcgi-app', 'crt-store', 'traces',
]);
/** Sections where `bind` opens a listener. */
const LISTENING_SECTIONS = new Set(['frontend', 'listen', 'log-forward', 'peers']);
/** Cheap gate: a real config has one of these section headers at a line start. */
const SECTION_HEADER = /^[ \t]*(?:global|defaults|frontend|backend|listen)\b/m;
/** `ipv4@`, `quic4@`, `unix@` …: group 1 the address family or transport. */
const FAMILY_PREFIX = /^([a-z0-9]+)@/i;
/** Families that are no TCP/UDP port. */
const NOT_PORT_FAMILIES = new Set(['unix', 'abns', 'abnsz', 'fd', 'sockpair', 'rhttp', 'uxst', 'uxdg']);
/** `host:port`, `:port`, `*:port`, `:::port` (IPv6 ends at the last colon), a range `8000-8010`. */
const HOST_PORT = /^(.*):(\d{1,5}(?:-\d{1,5})?)$/;

interface HaproxyReader {
  readonly file: SourceFile;
  readonly sink: OccurrenceSink;
  section?: string;
}

export const haproxyExtractor: Extractor = {
  id: 'haproxy',
  matches: isHaproxyPath,
  extract(file, sink) {
    if (!SECTION_HEADER.test(file.text)) return;
    const reader: HaproxyReader = { file, sink };
    for (const words of directiveLines(file.text)) readLine(reader, words);
  },
};

/** `haproxy.cfg`, `haproxy-dev.cfg`, `haproxy.cfg.j2`, or any `.cfg` under a path naming haproxy. */
function isHaproxyPath(path: string): boolean {
  if (/^haproxy[\w.-]*\.cfg(?:\.(?:tmpl|template|j2|in))?$/i.test(basename(path))) return true;
  return /haproxy/i.test(path) && /\.cfg$/i.test(path);
}

function readLine(r: HaproxyReader, words: readonly Word[]): void {
  const keyword = words[0].text;
  if (SECTIONS.has(keyword)) {
    r.section = keyword;
    if (keyword === 'listen' && words[2]) addBinds(r, words[2]);
    return;
  }
  switch (keyword) {
    case 'bind':
    case 'dgram-bind':
      if (r.section && LISTENING_SECTIONS.has(r.section) && words[1]) addBinds(r, words[1], keyword === 'dgram-bind');
      break;
    case 'server':
      if (r.section !== 'global' && r.section !== 'defaults' && words[2]) addPeerAddress(r, words[2], {});
      break;
    case 'server-template':
      if (words[3]) addPeerAddress(r, words[3], {});
      break;
    case 'nameserver':
      if (r.section === 'resolvers' && words[2]) addPeerAddress(r, words[2], { protocol: 'udp' });
      break;
    case 'mailer':
      if (r.section === 'mailers' && words[2]) addPeerAddress(r, words[2], {});
      break;
  }
}

/** `bind :80,:8080` lists addresses with commas; each is a listener of its own. */
function addBinds(r: HaproxyReader, word: Word, datagram = false): void {
  let from = 0;
  for (const part of word.text.split(',')) {
    addAddress(r, { text: part, offset: word.offset + from, quoted: word.quoted }, kindIn(r.file.path, 'bind'), datagram ? { protocol: 'udp' } : {});
    from += part.length + 1;
  }
}

function addPeerAddress(r: HaproxyReader, word: Word, details: OccurrenceDetails): void {
  addAddress(r, word, 'reference', details);
}

/**
 * One address, its family prefix stripped (`udp@`/`quic4@` say UDP, `tcp@` overrides the default,
 * `unix@` has no port). A listener's wildcard host is no host; a peer's host is kept as written.
 */
function addAddress(r: HaproxyReader, word: Word, kind: OccurrenceKind, details: OccurrenceDetails): void {
  const family = FAMILY_PREFIX.exec(word.text);
  const familyName = family?.[1].toLowerCase();
  if (familyName && NOT_PORT_FAMILIES.has(familyName)) return;
  const address = family ? word.text.slice(family[0].length) : word.text;
  const m = HOST_PORT.exec(address);
  if (!m) return;
  const protocol = familyName?.startsWith('udp') || familyName?.startsWith('quic') ? 'udp' : familyName?.startsWith('tcp') ? undefined : details.protocol;
  const host = m[1];
  const portOffset = word.offset + (family?.[0].length ?? 0) + m[1].length + 1;
  const named = kind === 'reference' ? host || undefined : isWildcardHost(host) ? undefined : host;
  if (kind === 'reference' && !named) return;
  r.sink.addPortOrRange(m[2], portOffset, kind, { ...details, host: named, protocol });
}
