import { parseAddress } from '../syntax/addresses';
import { directiveLines, type Word } from '../syntax/directives';
import { isWildcardHost } from '../syntax/hosts';
import { basename } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindIn } from './occurrence';

/**
 * Caddyfiles. A site address with a port (`:8080 {`, `localhost:2015 {`, `http://app.home:8080`)
 * is a port Caddy itself listens on: a bind, on every interface unless the site's `bind` (or the
 * global `default_bind`) names one; the address's host only says which requests the site answers.
 * Global `http_port`, `https_port` and `admin` are binds too. The upstreams of `reverse_proxy` (several per line, or
 * `to` in its block), `php_fastcgi` and `forward_auth` are references. Every other directive
 * (`encode`, `header`, `rate_limit`, `respond … 404`, timeouts) is never read, so its numbers are
 * never ports.
 */

/** Directives whose arguments (after an optional matcher) are upstream addresses. */
const UPSTREAM_DIRECTIVES = new Set(['reverse_proxy', 'php_fastcgi', 'forward_auth']);
/** Global options whose argument is a port Caddy listens on. */
const PORT_OPTIONS = new Set(['http_port', 'https_port']);

interface Block {
  readonly kind: 'global' | 'snippet' | 'site' | 'directive';
  /** The directive that opened it (`reverse_proxy`), for its subdirectives (`to`). */
  readonly directive?: string;
  /** A site's own addresses with ports, recorded when the block ends (its `bind` may come later). */
  readonly sitePorts?: Word[];
  /** The site's own `bind`: its one interface, or none we can name (several, a socket). */
  bind?: { readonly host?: string };
}

/** The state of one pass over a file. */
interface CaddyReader {
  readonly file: SourceFile;
  readonly sink: OccurrenceSink;
  readonly stack: Block[];
  /** One site without braces: the file's first line is its address, every later line a directive of it. */
  bareSite?: Block;
  sawSite: boolean;
  defaultBind?: string;
}

export const caddyExtractor: Extractor = {
  id: 'caddy',
  matches: isCaddyfilePath,
  extract(file, sink) {
    const reader: CaddyReader = { file, sink, stack: [], sawSite: false };
    for (const words of directiveLines(file.text, { multiline: true })) readLine(reader, words);
    while (reader.stack.length) closeBlock(reader);
    if (reader.bareSite) addSiteBinds(reader, reader.bareSite);
  },
};

/** `Caddyfile`, `Caddyfile.dev`, `Caddyfile-prod`, `sites/app.caddy`; not `Caddyfile.json` (Caddy's JSON config) or notes about one. */
function isCaddyfilePath(path: string): boolean {
  const name = basename(path);
  if (/\.(?:json|ya?ml|md|txt|bak|orig)$/i.test(name)) return false;
  return /^caddyfile(?:[.-][\w.-]+)?$/i.test(name) || /\.caddy(?:file)?$/i.test(name);
}

function readLine(r: CaddyReader, line: readonly Word[]): void {
  let words = line;
  while (words.length && isBrace(words[0], '}')) {
    closeBlock(r);
    words = words.slice(1);
  }
  if (words.length === 0) return;
  const opens = isBrace(words[words.length - 1], '{');
  const args = opens ? words.slice(0, -1) : words;
  const parent = r.stack[r.stack.length - 1] ?? r.bareSite;
  if (!parent) readTopLevel(r, args, opens);
  else readDirective(r, args, parent, opens);
}

/** Depth 0: the global options block, a snippet or named route, or a site's addresses. */
function readTopLevel(r: CaddyReader, args: readonly Word[], opens: boolean): void {
  if (args.length === 0) {
    if (opens) r.stack.push({ kind: 'global' });
    return;
  }
  const first = args[0].text;
  if (/^&?\(/.test(first)) {
    if (opens) r.stack.push({ kind: 'snippet' });
    return;
  }
  // `import common` before the first site pulls in snippets; it addresses nothing.
  if (first === 'import') return;
  const sitePorts = sitePortWords(args);
  const site: Block = { kind: 'site', sitePorts };
  if (opens) r.stack.push(site);
  else if (!r.sawSite && sitePorts.every(looksLikeAddress)) r.bareSite = site;
  r.sawSite = true;
}

function readDirective(r: CaddyReader, args: readonly Word[], parent: Block, opens: boolean): void {
  const name = args[0]?.text;
  if (name !== undefined) {
    if (parent.kind === 'global') readGlobalOption(r, args);
    else if (UPSTREAM_DIRECTIVES.has(name)) addUpstreams(r, withoutMatcher(args.slice(1)));
    else if (name === 'to' && parent.directive && UPSTREAM_DIRECTIVES.has(parent.directive)) addUpstreams(r, args.slice(1));
    else if (name === 'bind' && parent.kind === 'site') parent.bind = { host: soleHost(args.slice(1)) };
  }
  if (opens) r.stack.push({ kind: 'directive', directive: name });
}

function readGlobalOption(r: CaddyReader, args: readonly Word[]): void {
  const [option, value] = args;
  if (!value) return;
  if (PORT_OPTIONS.has(option.text)) r.sink.addAt(value.offset, value.text, kindIn(r.file.path, 'bind'));
  else if (option.text === 'admin') addListenAddress(r, value, adminHost(value.text));
  else if (option.text === 'default_bind') r.defaultBind = soleHost(args.slice(1));
}

/** Unlike a site address, the admin endpoint's host is the interface it listens on (`localhost:2019`). */
function adminHost(text: string): string | undefined {
  const host = parseAddress(text)?.host;
  return host && !isWildcardHost(host) ? host : undefined;
}

function closeBlock(r: CaddyReader): void {
  const block = r.stack.pop();
  if (block?.kind === 'site') addSiteBinds(r, block);
}

function addSiteBinds(r: CaddyReader, site: Block): void {
  const host = site.bind ? site.bind.host : r.defaultBind;
  for (const word of site.sitePorts ?? []) addListenAddress(r, word, host);
}

/** `a.example.com, b.example.com:8443` and `:80,:8080`: one word per address, offsets kept. */
function sitePortWords(args: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (const arg of args) {
    let from = 0;
    for (const part of arg.text.split(',')) {
      if (part.trim()) out.push({ text: part.trim(), offset: arg.offset + from + part.indexOf(part.trim()), quoted: arg.quoted });
      from += part.length + 1;
    }
  }
  return out;
}

/**
 * Without braces nothing but its shape tells an address line from a stray directive
 * (`reverse_proxy api:3000` as a file's first line): addresses have a dot, colon, slash or wildcard.
 */
function looksLikeAddress(word: Word): boolean {
  return /[.:/*{]/.test(word.text) || word.text === 'localhost';
}

/** A port Caddy listens on (`:8080`, `localhost:2019`, `http://app.home:8080`), on `host` (undefined: every interface). */
function addListenAddress(r: CaddyReader, word: Word, host: string | undefined): void {
  const address = parseAddress(word.text);
  if (address) r.sink.addPortOrRange(address.portText, word.offset + address.portOffset, kindIn(r.file.path, 'bind'), { host });
}

/** `reverse_proxy api:3000 web:3001`, `to http://a:80 h2c://b:50051`, `php_fastcgi app:9000`. */
function addUpstreams(r: CaddyReader, words: readonly Word[]): void {
  for (const word of words) {
    const address = parseAddress(word.text);
    if (address) r.sink.addPortOrRange(address.portText, word.offset + address.portOffset, 'reference', { host: address.host || undefined });
  }
}

/** A matcher token (`@api`, `/api/*`, `*`) may come before the upstreams. */
function withoutMatcher(words: readonly Word[]): readonly Word[] {
  const first = words[0]?.text;
  return first !== undefined && (first.startsWith('@') || first.startsWith('/') || first === '*') ? words.slice(1) : words;
}

/** `bind 127.0.0.1` (or `tcp4/127.0.0.1`) names the interface; several (`bind 127.0.0.1 [::1]`) or a socket none we can pick. */
function soleHost(words: readonly Word[]): string | undefined {
  if (words.length !== 1) return undefined;
  const host = words[0].text.replace(/^tcp[46]?\//, '');
  return host.includes('/') || isWildcardHost(host) ? undefined : host;
}

function isBrace(word: Word, brace: '{' | '}'): boolean {
  return !word.quoted && word.text === brace;
}
