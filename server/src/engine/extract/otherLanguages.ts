import { extname } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { C_LIKE, HASH_ONLY, PHP_LIKE, isMinified, matchesOf, scanSource, type CommentSyntax } from '../syntax/lexer';
import { portNameRole } from '../syntax/names';
import { findSettingDefaults } from '../syntax/settingDefaults';
import { kindForRole, kindIn, type OccurrenceKind } from './occurrence';
import { addSpringConfig, isSpringConfigPath } from './springConfig';
import { addCSharpPorts } from './csharp';
import { addRubyServers } from './ruby';

/**
 * Java, Kotlin, C#, Rust, Ruby and PHP: only the env-default idiom every language shares
 * (`System.getenv().getOrDefault("PORT", "9555")`, `GetEnvironmentVariable("PORT") ?? "7070"`,
 * `env::var("PORT").unwrap_or(…)`, `ENV.fetch("PORT", 3000)`, `getenv('PORT') ?: 8080`), any helper
 * with a default (`env_int("PORT", 3000)`, `GetValue<int>("Port", 5000)`, `Integer.getInteger("server.port", 8080)`), plus
 * Spring's `application*.properties` and `application*.yml` (`springConfig.ts`), C# listen URLs and
 * Kestrel listens (`csharp.ts`), Puma's and Sinatra's ports (`ruby.ts`). Anything subtler is left alone.
 */

const SYNTAX: Readonly<Record<string, CommentSyntax>> = {
  '.java': C_LIKE,
  '.kt': C_LIKE,
  '.kts': C_LIKE,
  '.cs': C_LIKE,
  '.rs': C_LIKE,
  '.rb': HASH_ONLY,
  '.php': PHP_LIKE,
};

/** An env or system-property read with a literal key: group 1 key. */
const ENV_READ =
  /(?:getenv\(\s*\)\s*\.\s*getOrDefault|getenv|GetEnvironmentVariable|getProperty|env::var|ENV\.fetch|ENV\[|\$_ENV\[|\$_SERVER\[|\benv)\s*\(?\s*["']([\w.-]+)["']/dg;
/** The fallback after the read, within the same statement: group 1 port. */
const FALLBACK = /^[^;\n]{0,120}?(?:\?\?|\?:|\|\||orElse(?:Get)?\(\s*(?:\(\)\s*->\s*)?|unwrap_or(?:_else)?\(\s*(?:\|_\|\s*)?|,|\{|:)\s*(?:String\.valueOf\(\s*)?["']?(?:[\w.[\]]*:)?(\d{2,5})(?![\w.])/d;

export const otherLanguagesExtractor: Extractor = {
  id: 'otherLanguages',
  matches: (path) => extname(path) in SYNTAX || isSpringConfigPath(path),
  extract(file, out) {
    if (isMinified(file.text)) return;
    const syntax = SYNTAX[extname(file.path)];
    if (syntax) {
      const { code, strings } = scanSource(file.text, syntax);
      // Listener forms first: where they hold an env default, they add the host the address gives it.
      if (extname(file.path) === '.cs') addCSharpPorts(code, strings, kindIn(file.path, 'bind'), out);
      if (extname(file.path) === '.rb') addRubyServers(file.path, code, kindIn(file.path, 'bind'), out);
      addEnvDefaults(file, code, out);
      addSettingDefaults(file, code, out);
    } else addSpringConfig(file, out);
  },
};

function addEnvDefaults(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const m of matchesOf(ENV_READ, code)) {
    const key = m[1];
    const kind = envKeyKind(key);
    if (!kind) continue;
    const after = m.index + m[0].length;
    const fallback = FALLBACK.exec(code.slice(after));
    if (fallback) out.addAt(after + fallback.indices![1][0], fallback[1], kindIn(file.path, kind), { key });
  }
}

/** `env_int("PORT", 4050)` binds, `env_int("DB_PORT", 5432)` references, `env_int("DB_POOL", 10)` is no port. */
function addSettingDefaults(file: SourceFile, code: string, out: OccurrenceSink): void {
  for (const d of findSettingDefaults(code)) {
    const role = portNameRole(d.name);
    if (role) out.addAt(d.digitsStart, d.digits, kindIn(file.path, kindForRole(role)), { key: d.name });
  }
}

/** `PORT` binds, `DB_PORT` references; a listen address key (`ADDRESS`, `BIND_ADDR`) binds its port. */
function envKeyKind(key: string): OccurrenceKind | undefined {
  const role = portNameRole(key);
  if (role) return kindForRole(role);
  return /^(\w+_)?(ADDR|ADDRESS|LISTEN|BIND)(_\w+)?$/i.test(key) ? 'bind' : undefined;
}
