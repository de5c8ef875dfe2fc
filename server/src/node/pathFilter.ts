import picomatch from 'picomatch';

/**
 * The user's `include` and `exclude` globs (workspace-relative, `/`-separated).
 * `include` forces a file in even when .gitignore or the built-in skip lists drop it, and wins
 * over `exclude`: it is the narrower, deliberate choice ("yes, index vendor/acme/ports.yaml").
 */
export class PathFilter {
  private readonly included: (path: string) => boolean;
  private readonly excluded: (path: string) => boolean;
  /** Literal folder prefixes of the include globs (`vendor/acme` for `vendor/acme/**.yaml`). */
  private readonly includeBases: readonly string[];
  /** Two filters with one key keep the same paths. */
  readonly key: string;

  constructor(include: readonly string[], exclude: readonly string[]) {
    this.key = JSON.stringify([include, exclude]);
    this.included = matcher(include);
    this.excluded = matcher(exclude);
    this.includeBases = include.map((glob) => picomatch.scan(glob).base);
  }

  isIncluded(path: string): boolean {
    return this.included(path);
  }

  isExcluded(path: string): boolean {
    return this.excluded(path);
  }

  /**
   * Whether a folder the walk would skip may still hold a force-included file. Only globs with
   * a literal prefix reach into skipped folders: `**\/ports.yaml` must not make every list()
   * crawl node_modules.
   */
  mayIncludeUnder(folder: string): boolean {
    return this.includeBases.some(
      (base) => base !== '' && (base === folder || base.startsWith(`${folder}/`) || folder.startsWith(`${base}/`)),
    );
  }
}

function matcher(globs: readonly string[]): (path: string) => boolean {
  return globs.length === 0 ? () => false : picomatch([...globs], { dot: true });
}
