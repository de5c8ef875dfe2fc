import { isDotenvPath } from '../syntax/fileKinds';
import { addEnvVar } from './envVars';
import type { Extractor } from './extractor';

/** `KEY=value` or `export KEY = value`; the value group starts where the value starts. */
const ASSIGNMENT = /^(\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*)(.*)$/;

/**
 * Env files: `PORT=3000` is what the process started with this file listens on (`bind`);
 * `DB_PORT`, `*_URL` and DSNs point at other listeners.
 */
export const dotenvExtractor: Extractor = {
  id: 'dotenv',
  matches: isDotenvPath,
  extract(file, sink) {
    for (let line = 0; line < file.lines.lineCount; line++) {
      const m = ASSIGNMENT.exec(file.lines.lineText(line));
      if (!m) continue;
      const value = withoutComment(m[3]);
      addEnvVar(sink, m[2], value, file.lines.lineStart(line) + m[1].length, { listenKind: 'bind' });
    }
  },
};

/** A quoted value ends at its closing quote; an unquoted one at ` #` (a comment). */
function withoutComment(value: string): string {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    return end < 0 ? value : value.slice(0, end + 1);
  }
  const hash = value.search(/\s#/);
  return hash < 0 ? value : value.slice(0, hash);
}
