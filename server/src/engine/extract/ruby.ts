import { basename } from '../util/paths';
import { groupStart, matchesOf } from '../syntax/lexer';
import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';

/**
 * Ruby servers: Puma's DSL in `config/puma.rb` (`port 3000`, `port 3000, "0.0.0.0"`,
 * `bind "tcp://0.0.0.0:#{ENV.fetch('PORT', 3110)}"`, `ssl_bind '0.0.0.0', 9293`,
 * `activate_control_app 'tcp://127.0.0.1:9294'`), Sinatra's `set :port, 4567` and Rack handlers
 * (`Rackup::Handler::WEBrick.run(app, Port: 9292)`). A Unix socket (`bind "unix://…"`),
 * `workers 2` and `threads 5, 5` are no ports. Env reads (`port ENV.fetch("PORT") { 3000 }`) are the
 * env-default reader's; here they only gain the host a bind URL gives them.
 */

/** `config/puma.rb`, `config/puma/production.rb`, `puma.rb`, `puma-dev.rb`. */
const PUMA_CONFIG = /(?:^|\/)(?:puma(?:[.-][\w-]+)?\.rb|puma\/[^/]+\.rb)$/;
/** `port 3000` or `port 3000, "0.0.0.0"`: group 1 port, 3 host. */
const PUMA_PORT = /^[ \t]*port[ \t(]+(\d{2,5})(?![\w.])(?:[ \t]*,[ \t]*(['"])([^'"\n]*)\2)?/dgm;
/** `bind "tcp://host:port"` or the control app's URL: group 1 directive, 3 host (maybe `#{…}`), 4 port (maybe `#{…}`). */
const PUMA_BIND_URL = /^[ \t]*(bind|activate_control_app)[ \t(]+(['"])(?:tcp|ssl):\/\/(\[[^\]\n]*\]|#\{[^}\n]*\}|[^:'"\n]*):(\d{2,5}(?![\w.])|#\{[^}\n]*\})/dgm;
/** `ssl_bind '0.0.0.0', '9293'`: group 2 host, 3 port. */
const PUMA_SSL_BIND = /^[ \t]*ssl_bind[ \t(]+(['"])([^'"\n]*)\1[ \t]*,[ \t]*['"]?(\d{2,5})(?![\w.])/dgm;
/** An env read with a default inside `#{…}`: `ENV.fetch('PORT', 3110)`, `ENV.fetch("PORT") { 3000 }`, `ENV["PORT"] || 3000`: group 1 key, 2 value. */
const INTERPOLATED_DEFAULT = /ENV(?:\.fetch\(\s*['"](\w+)['"]\s*(?:,\s*|\)\s*\{\s*)|\[\s*['"](\w+)['"]\s*\]\s*\|\|\s*)['"]?([\w.:[\]-]+?)['"]?\s*[)}]/d;
/** Sinatra `set :port, 4567`: group 1 port. */
const SINATRA_PORT = /\bset[ \t(]+:port[ \t]*,[ \t]*(\d{2,5})(?![\w.])/dg;
/** `Rackup::Handler::WEBrick.run(app, Port: 9292)`, `Rack::Server.start(app: a, Port: 9292)`: group 1 port. */
const RACK_PORT = /(?:Handler::\w+\.run|Server\.start|HTTPServer\.new)\b[^\n]{0,200}?\bPort:[ \t]*(\d{2,5})(?![\w.])/dg;

export function addRubyServers(path: string, code: string, bind: OccurrenceKind, out: OccurrenceSink): void {
  if (PUMA_CONFIG.test(path) || basename(path) === 'puma.rb') addPumaDsl(code, bind, out);
  for (const re of [SINATRA_PORT, RACK_PORT]) for (const m of matchesOf(re, code)) out.addAt(groupStart(m, 1), m[1], bind);
}

function addPumaDsl(code: string, bind: OccurrenceKind, out: OccurrenceSink): void {
  for (const m of matchesOf(PUMA_PORT, code)) out.addAt(groupStart(m, 1), m[1], bind, { host: m[3] || undefined });
  for (const m of matchesOf(PUMA_BIND_URL, code)) {
    const details: OccurrenceDetails = { host: hostOf(m[3]), label: m[1] === 'activate_control_app' ? 'control' : undefined };
    if (/^\d/.test(m[4])) {
      out.addAt(groupStart(m, 4), m[4], bind, details);
      continue;
    }
    const fallback = INTERPOLATED_DEFAULT.exec(m[4]);
    if (fallback) out.addAt(groupStart(m, 4) + fallback.indices![3][0], fallback[3], bind, { ...details, key: fallback[1] ?? fallback[2] });
  }
  for (const m of matchesOf(PUMA_SSL_BIND, code)) out.addAt(groupStart(m, 3), m[3], bind, { host: m[2] || undefined });
}

/** A written host, or the default of an interpolated one (`#{ENV.fetch('HOST', '0.0.0.0')}`). */
function hostOf(text: string): string | undefined {
  if (!text.startsWith('#{')) return text || undefined;
  return INTERPOLATED_DEFAULT.exec(text)?.[3];
}
