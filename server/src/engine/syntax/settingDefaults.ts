import { matchesOf } from './lexer';

/**
 * Calls that read a named setting with a default, whatever the helper is called and whatever
 * the language: the first argument is a string naming the setting, the second a number.
 * `intEnv('PORT', 4069)`, `GetInt("PORT", 4030)`, `env.int("PORT", 8000)`, `getenv_int("PORT", 8080)`,
 * `config.get('port', 8080)`, `env_int("PORT", 3000)`, `GetValue<int>("Port", 5000)`,
 * `getProperty("server.port", Integer.class, 8080)`, `env.get("PORT", default=8000)`. Whether the
 * name is a port, and whose, is the caller's question (`portNameRole`): this only finds the shape.
 */

export interface SettingDefault {
  /** The setting's name as written (`PORT`, `server.port`, `smtp_port`). */
  readonly name: string;
  /** The default's digits and where they start in the code. */
  readonly digits: string;
  readonly digitsStart: number;
  /** Where the call (its callee) starts: what the caller reads the surroundings from. */
  readonly callStart: number;
}

/**
 * Callee (a dotted, `::` or `->` path, generic arguments allowed), the name, an optional
 * `default=`/`default:` or Java class argument, an optional `int(`, then the number; the call
 * goes on with `,` or ends with `)`. Groups: 2 name, 4 digits.
 */
const SETTING_DEFAULT =
  /(?<![\w$])[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*){0,4}(?:<[\w.?, ]{1,40}>)?[ \t]*\([ \t]*(['"`])([A-Za-z_][\w.-]{0,80})\1[ \t]*,\s{0,200}?(?:default[ \t]*[=:][ \t]*|[\w.]+\.class[ \t]*,[ \t]*)?(?:(?:int|Integer|Number)\([ \t]*)?(['"]?)(\d{2,5})\3(?![\w.])(?=[ \t]*\)?[ \t]*[,)])/dg;

export function findSettingDefaults(code: string): SettingDefault[] {
  const out: SettingDefault[] = [];
  for (const m of matchesOf(SETTING_DEFAULT, code)) {
    out.push({ name: m[2], digits: m[4], digitsStart: m.indices[4][0], callStart: m.index });
  }
  return out;
}
