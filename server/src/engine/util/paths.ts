/** Path helpers for workspace-relative, `/`-separated paths. */

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function extname(path: string): string {
  const base = basename(path);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i).toLowerCase();
}

/** Joins and normalises `.`/`..` segments; never climbs above the root. */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Parent folders of a path, nearest first (`a/b/c.ts` → `a/b`, `a`, ``). */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let dir = dirname(path);
  for (;;) {
    out.push(dir);
    if (!dir) break;
    dir = dirname(dir);
  }
  return out;
}
