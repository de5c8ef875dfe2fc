import { joinedSpans, type Span } from '../text';
import { lineEndAt, lineStartAt, matchesWithin } from './windows';

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
 * goes on with `,` or ends with `)`. Groups: 1 the function's own name, 3 the setting, 5 digits.
 */
const SETTING_DEFAULT =
  /(?<![\w$])(?:[A-Za-z_$][\w$]*(?:\.|::|->)){0,4}([A-Za-z_$][\w$]*)(?:<[\w.?, ]{1,40}>)?[ \t]*\([ \t]*(['"`])([A-Za-z_][\w.-]{0,80})\2[ \t]*,\s{0,200}?(?:default[ \t]*[=:][ \t]*|[\w.]+\.class[ \t]*,[ \t]*)?(?:(?:int|Integer|Number)\([ \t]*)?(['"]?)(\d{2,5})\4(?![\w.])(?=[ \t]*\)?[ \t]*[,)])/dg;
/**
 * The part of `SETTING_DEFAULT` every match holds: `(`, the quoted name, the comma. The callee sits
 * on the same line before it; the default follows on that line or, after nothing but white space,
 * on the next line that holds anything.
 */
const QUOTED_FIRST_ARGUMENT = /\([ \t]*(['"`])[A-Za-z_][\w.-]{0,80}\1[ \t]*,/y;
const SPACE = /\s*/y;
/** `'`, `"` and a backtick, as character codes. */
const QUOTES = new Set([39, 34, 96]);

/** The offset of the first character from `at` that is neither a space nor a tab. */
function afterBlanks(code: string, at: number): number {
  let i = at;
  while (code.charCodeAt(i) === 32 || code.charCodeAt(i) === 9) i++;
  return i;
}
/**
 * The called function reads a setting (`intEnv`, `GetInt`, `config.get`, `getProperty`, `ENV.fetch`):
 * a setter, a UI form's `setValue('port', 5432)` or an `emit` hands a value to someone else.
 */
const READER = /get|env|conf|setting|option|param|int|num|port|fetch|read|default|lookup|load|var|value/i;
const WRITER = /^(?:set|put|emit|send|write|append|assert|expect)(?![a-z])/;

export function findSettingDefaults(code: string): SettingDefault[] {
  const out: SettingDefault[] = [];
  for (const m of matchesWithin(SETTING_DEFAULT, code, settingCallWindows(code))) {
    if (!READER.test(m[1]) || WRITER.test(m[1])) continue;
    out.push({ name: m[3], digits: m[5], digitsStart: m.indices[5][0], callStart: m.index });
  }
  return out;
}

/** From the line of each `('name',` to the line where its default would be. */
function settingCallWindows(code: string): Span[] {
  const windows: Span[] = [];
  // Tried at each `(` followed by a quote (found by `indexOf`, which outruns the pattern's own
  // search for `(`); no match holds a second `(`, so none is skipped. This is `matchesAt` over
  // `offsetsOf('(')` written out: a `(` is common enough that two generator steps each cost a quarter.
  for (let open = code.indexOf('('); open >= 0; open = code.indexOf('(', open + 1)) {
    if (!QUOTES.has(code.charCodeAt(afterBlanks(code, open + 1)))) continue;
    QUOTED_FIRST_ARGUMENT.lastIndex = open;
    const m = QUOTED_FIRST_ARGUMENT.exec(code);
    if (!m) continue;
    SPACE.lastIndex = QUOTED_FIRST_ARGUMENT.lastIndex;
    SPACE.exec(code);
    windows.push({ start: lineStartAt(code, open), end: lineEndAt(code, SPACE.lastIndex) });
  }
  return joinedSpans(windows);
}
