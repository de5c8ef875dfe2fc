/**
 * Which Compose files a command runs together: `docker compose -f a.yml -f b.yml up`,
 * `docker-compose --file=a.yml up`, and `COMPOSE_FILE=a.yml:b.yml` (`;` on Windows). Paths are
 * as written; the caller resolves them against the folder the command runs in.
 */

/** The `-f`/`--file` values of a `docker compose` or `docker-compose` command, or undefined when it is none or names no file. */
export function composeFilesOf(words: readonly string[]): string[] | undefined {
  const at = words.findIndex((w, i) => /(^|\/)docker-compose$/.test(w) || (/(^|\/)(docker|podman)$/.test(w) && words[i + 1] === 'compose'));
  if (at < 0) return undefined;
  const files: string[] = [];
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-f' || w === '--file') files.push(words[++i] ?? '');
    else if (w.startsWith('--file=')) files.push(w.slice('--file='.length));
    else if (/^-f\S/.test(w)) files.push(w.slice(2));
  }
  const named = files.filter((f) => f && !f.includes('$') && f !== '-');
  return named.length ? named : undefined;
}

/** The files of a `COMPOSE_FILE` value. */
export function composeFileList(value: string): string[] {
  return value
    .replace(/^["']|["']$/g, '')
    .split(/[:;]/)
    .map((p) => p.trim())
    .filter((p) => p && !p.includes('$'));
}
