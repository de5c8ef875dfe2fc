import { createHash } from 'node:crypto';
import ignore, { type Ignore } from 'ignore';

/** What one .gitignore says of a path: it ignores it, re-includes it (`!x`), or neither. */
interface Verdict {
  readonly ignored: boolean;
  readonly unignored: boolean;
}

const NO_VERDICT: Verdict = { ignored: false, unignored: false };

/**
 * One .gitignore's rules (`ignore` decides), and a quick answer for the paths no rule can touch,
 * which are nearly all: every rule's compiled pattern in one expression tells at once that none
 * matches a path, where `ignore` tries each rule in turn (a tenth of a large tree's walk).
 */
class IgnoreLevel {
  readonly #rules: Ignore;
  /** Matches whatever some rule matches; undefined when `ignore` does not show its compiled rules (every path is then asked of it). */
  readonly #anyRule: RegExp | undefined;
  /** Folders (relative, ending in `/`) that no rule matches, nor any folder above them. */
  readonly #untouched = new Map<string, boolean>();

  constructor(text: string) {
    this.#rules = ignore().add(text);
    this.#anyRule = anyRuleOf(this.#rules);
  }

  /** The verdict on a path relative to the .gitignore's folder (a folder's ends in `/`). */
  test(path: string): Verdict {
    const any = this.#anyRule;
    if (any && this.#isUntouched(parentOf(path)) && !any.test(path)) return NO_VERDICT;
    // `ignore` throws on names it considers invalid paths; such a name is simply not ignored.
    try {
      return this.#rules.test(path);
    } catch {
      return NO_VERDICT;
    }
  }

  /**
   * Whether no rule matches `folder` or a folder above it: `ignore` then decides a path inside on
   * the path alone (a folder a rule matches may decide for everything under it).
   */
  #isUntouched(folder: string): boolean {
    if (folder === '') return true;
    let untouched = this.#untouched.get(folder);
    if (untouched === undefined) {
      untouched = this.#isUntouched(parentOf(folder)) && !this.#anyRule!.test(folder);
      this.#untouched.set(folder, untouched);
    }
    return untouched;
  }
}

/**
 * The rules' compiled patterns as one alternation, read from `ignore`'s rule list (not part of its
 * typed API, so checked: any other shape, or patterns that do not combine, give undefined).
 */
function anyRuleOf(rules: Ignore): RegExp | undefined {
  const compiled = (rules as unknown as { _rules?: { _rules?: unknown } })._rules?._rules;
  if (!Array.isArray(compiled)) return undefined;
  const patterns: unknown[] = compiled.map((rule: { regex?: unknown } | null) => rule?.regex);
  if (!patterns.every((p): p is RegExp => p instanceof RegExp)) return undefined;
  if (patterns.some((p) => p.global || p.sticky || p.flags !== patterns[0].flags)) return undefined;
  // A back-reference would point at another rule's group once they are numbered together.
  if (patterns.some((p) => /\\[1-9k]/.test(p.source))) return undefined;
  if (patterns.length === 0) return /(?!)/;
  try {
    return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), patterns[0].flags);
  } catch {
    return undefined;
  }
}

/** `a/b/c` → `a/b/`, `a/b/` → `a/`, `a` → `` (as `ignore` climbs a path). */
function parentOf(path: string): string {
  const end = path.length - 1;
  const cut = path.lastIndexOf('/', path.charCodeAt(end) === 47 ? end - 1 : end);
  return cut < 0 ? '' : path.slice(0, cut + 1);
}

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
    private readonly rules: IgnoreLevel | undefined,
    /** Names the files in force and their contents: two stacks with one key ignore the same paths. */
    readonly key: string,
  ) {}

  /** The stack for a subfolder that has its own .gitignore with `text`. */
  push(base: string, text: string): IgnoreStack {
    const digest = createHash('sha1').update(text).digest('base64');
    return new IgnoreStack(this, base, new IgnoreLevel(text), `${this.key}${base}:${digest};`);
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
      const verdict = level.rules.test(isDirectory ? `${relative}/` : relative);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}
