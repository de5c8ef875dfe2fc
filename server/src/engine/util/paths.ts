/** Path helpers for workspace-relative, `/`-separated paths. */

/**
 * The last name asked for, kept: deciding what a file is asks for its name a few dozen times in a
 * row (each reader's `matches`, comment styles, plan and config names), and a copy each time was a
 * few percent of reading a tree.
 */
let lastPath = '';
let lastName = '';

export function basename(path: string): string {
  if (path !== lastPath) {
    const i = path.lastIndexOf('/');
    lastName = i < 0 ? path : path.slice(i + 1);
    lastPath = path;
  }
  return lastName;
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
