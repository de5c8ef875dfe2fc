import type { Span } from '../text';
import { basename } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { HASH_ONLY, matchesOf, scanSource } from '../syntax/lexer';
import { kindIn } from './occurrence';

/**
 * nginx configs: `listen` ports bind (with their address when given); `proxy_pass`, `grpc_pass`,
 * `fastcgi_pass` and `upstream { server host:port; }` name other listeners. Sizes, timeouts and
 * status codes (`client_max_body_size 100M`, `return 301`) are never ports.
 */

/** A file that looks like nginx: has a `server {`, `http {`, `upstream x {` block or a `location`. */
const NGINX_SYNTAX = /(^|[\s;}])(server|http|events|upstream\s+[\w.-]+|stream)\s*\{|(^|[\s;}])location\s+[^;{]*\{/;
/** `listen …;` and the `*_pass …;` directives: group 1 directive, 2 arguments. */
const DIRECTIVE = /(?<=^|[;{}])\s*(listen|proxy_pass|grpc_pass|fastcgi_pass|uwsgi_pass|scgi_pass|memcached_pass|server)\s+([^;{}]+);/dg;
const UPSTREAM_BLOCK = /\bupstream\s+[\w.$-]+\s*\{/g;
/** First argument of `listen`: `80`, `127.0.0.1:8080`, `[::]:80`, `*:443`: group 1 host, 2 port. */
const LISTEN_ADDRESS = /^(?:(\[[0-9a-fA-F:.]*\]|[\w.*-]+):)?(\d{1,5})$/;
/** `php:9000`, `app:3000` without a scheme: group 1 host, 2 port. */
const HOST_PORT = /^(\[[0-9a-fA-F:.]*\]|[A-Za-z0-9][\w.-]*):(\d{1,5})$/;

export const nginxExtractor: Extractor = {
  id: 'nginx',
  matches: isNginxPath,
  extract(file, out) {
    const { code } = scanSource(file.text, HASH_ONLY);
    if (!NGINX_SYNTAX.test(code)) return;
    const upstreams = upstreamBlocks(code);
    for (const m of matchesOf(DIRECTIVE, code)) {
      const argsStart = m.indices[2][0];
      const first = /\S+/.exec(m[2]);
      if (!first) continue;
      const at = argsStart + first.index;
      if (m[1] === 'listen') addListen(file, first[0], at, out);
      else if (m[1] !== 'server' || upstreams.some((b) => b.start <= at && at < b.end)) addPeer(first[0], at, out);
    }
    out.addUrls(code, 0);
  },
};

function isNginxPath(path: string): boolean {
  const name = basename(path);
  if (name === 'nginx.conf' || name.endsWith('.conf.template')) return true;
  if (/(^|\/)(sites-available|sites-enabled)\/[^/]+$/.test(path)) return true;
  if (/(^|\/)conf\.d\/[^/]+\.conf$/.test(path)) return true;
  return /nginx/i.test(path) && (name.endsWith('.conf') || name === 'conf' || name === 'default');
}

function addListen(file: SourceFile, address: string, at: number, out: OccurrenceSink): void {
  const m = LISTEN_ADDRESS.exec(address);
  if (!m) return;
  const host = m[1] && m[1] !== '*' ? m[1] : undefined;
  out.addAt(at + address.length - m[2].length, m[2], kindIn(file.path, 'bind'), { host });
}

function addPeer(target: string, at: number, out: OccurrenceSink): void {
  if (target.includes('://')) {
    out.addUrls(target, at);
    return;
  }
  const m = HOST_PORT.exec(target);
  if (m) out.addAt(at + target.length - m[2].length, m[2], 'reference', { host: m[1] });
}

/** Spans of `upstream name { … }` blocks, whose `server` lines are peers (not `server {` blocks). */
function upstreamBlocks(code: string): Span[] {
  const blocks: Span[] = [];
  UPSTREAM_BLOCK.lastIndex = 0;
  for (let m = UPSTREAM_BLOCK.exec(code); m; m = UPSTREAM_BLOCK.exec(code)) {
    const close = code.indexOf('}', m.index);
    blocks.push({ start: m.index, end: close < 0 ? code.length : close });
  }
  return blocks;
}
