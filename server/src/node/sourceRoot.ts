import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';

/**
 * The repository a checked folder belongs to: the nearest folder above it (or itself) with a
 * `.git` (a folder, or a file in a worktree or submodule). Code scanning and workflow annotations
 * name files relative to it, so a check of `examples/monorepo` still points at the right files.
 * Without one, the checked folder is the root.
 */
export function findSourceRoot(dir: string): string {
  let current = nodePath.resolve(dir);
  for (;;) {
    if (existsSync(nodePath.join(current, '.git'))) return current;
    const parent = nodePath.dirname(current);
    if (parent === current) return nodePath.resolve(dir);
    current = parent;
  }
}

/** `dir` relative to `root`, `/`-separated, with a trailing slash unless it is the root itself. */
export function prefixWithin(root: string, dir: string): string {
  const rel = nodePath.relative(root, nodePath.resolve(dir)).split(nodePath.sep).join('/');
  return rel ? `${rel}/` : '';
}
