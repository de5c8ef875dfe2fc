import { createHash } from 'node:crypto';
import ignore, { type Ignore } from 'ignore';

/**
 * The .gitignore files in force for one directory: the folder's own file plus its ancestors'.
 * Each file's patterns are relative to the folder holding it, and a deeper file overrides a
 * shallower one (`!keep.env` in `svc/.gitignore` re-includes what `/.gitignore` dropped), as in git.
 */
export class IgnoreStack {
  static readonly empty = new IgnoreStack(undefined, '', undefined, '');

  private constructor(
    private readonly parent: IgnoreStack | undefined,
    /** Workspace-relative folder of this .gitignore ('' for the root). */
    private readonly base: string,
    private readonly rules: Ignore | undefined,
    /** Names the files in force and their contents: two stacks with one key ignore the same paths. */
    readonly key: string,
  ) {}

  /** The stack for a subfolder that has its own .gitignore with `text`. */
  push(base: string, text: string): IgnoreStack {
    const digest = createHash('sha1').update(text).digest('base64');
    return new IgnoreStack(this, base, ignore().add(text), `${this.key}${base}:${digest};`);
  }

  /** This file's rules, then its ancestors', nearest first. */
  *#levels(): Generator<IgnoreStack> {
    yield this;
    for (let level = this.parent; level; level = level.parent) yield level;
  }

  /** Whether a workspace-relative path is ignored; folders are tested with `isDirectory`. */
  ignores(path: string, isDirectory: boolean): boolean {
    for (const level of this.#levels()) {
      if (!level.rules) continue;
      const relative = level.base ? path.slice(level.base.length + 1) : path;
      const verdict = safeTest(level.rules, isDirectory ? `${relative}/` : relative);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

/** `ignore` throws on names it considers invalid paths; such a name is simply not ignored. */
function safeTest(rules: Ignore, path: string): { ignored: boolean; unignored: boolean } {
  try {
    return rules.test(path);
  } catch {
    return { ignored: false, unignored: false };
  }
}
