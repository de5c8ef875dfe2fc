import { createHash } from 'node:crypto';
import { realpathSync, statSync, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { nulLogger, type CancellationToken, type ILogger, type IWorkspace, type WorkspaceFile } from '../engine/api';
import type { FactsCache } from './factsCache';
import { errorCode, lstatOf, readTextFile, regularFileVersion, type DiskVersion } from './fileChecks';
import { PARALLEL_READ_THRESHOLD, ReadAhead } from './parallelRead';
import { PathFilter } from './pathFilter';
import { isInside, TreeWalk, type Listing } from './treeWalk';

export interface NodeWorkspaceOptions {
  /** Globs forced into the index even when ignored or in a skipped folder (a literal prefix is needed for the latter). */
  readonly include?: readonly string[];
  /** Globs dropped from the index. */
  readonly exclude?: readonly string[];
  /** Files above this size are skipped (generated bundles, data dumps). */
  readonly maxFileSizeKb?: number;
  readonly logger?: ILogger;
  /**
   * Told what each read found on disk, so that it trusts only versions seen there. With one, a
   * large tree is read and extracted in worker threads, beside the main thread, while it is listed
   * and indexed.
   */
  readonly cache?: FactsCache;
  /** How many files to read make a tree large enough for the reading threads (tests lower it). */
  readonly parallelReadThreshold?: number;
  /** Tests: the index waits for the reading threads to read every file they were offered. */
  readonly threadsReadAll?: boolean;
  /**
   * Whether a large tree the cache does not know is read in worker threads while it is listed
   * (default yes). A listing that may end the run (a replayed check) starts none: it reads nothing,
   * and asking the cache what it knows would read all its facts.
   */
  readonly readsAhead?: boolean;
}

/**
 * The workspace on the local disk, for the CLI and the language server. The tree may be hostile
 * (symlink loops, fifos, huge or binary files): only regular files inside the root are read, no
 * link is followed out of it, and each skipped file is logged once per workspace. A listed file's
 * size and content are checked when it is read, on the one read of its bytes.
 */
export class NodeWorkspace implements IWorkspace {
  readonly root: string;
  private readonly filter: PathFilter;
  private readonly maxBytes: number;
  private readonly logger: ILogger;
  private readonly cache: FactsCache | undefined;
  private readonly parallelReadThreshold: number;
  private readonly threadsReadAll: boolean;
  private readonly readsAhead: boolean;
  private readonly reported = new Set<string>();
  /** The last listing: which paths the walk found, and whether through a symlink. */
  private listing: Listing = new Map();
  /** The reading threads of the last listing, which answer for each file they read once. */
  private readAhead: ReadAhead | undefined;
  private realRoot: Promise<string | undefined> | undefined;
  /** Disk versions `stateDigest` looked at, each taken by the read of its file that follows (so it is not looked at twice). */
  private readonly looked = new Map<string, DiskVersion>();

  constructor(root: string, options: NodeWorkspaceOptions = {}) {
    this.root = nodePath.resolve(root);
    this.filter = new PathFilter(options.include ?? [], options.exclude ?? []);
    this.maxBytes = (options.maxFileSizeKb ?? 1024) * 1024;
    this.logger = options.logger ?? nulLogger;
    this.cache = options.cache;
    this.parallelReadThreshold = options.parallelReadThreshold ?? PARALLEL_READ_THRESHOLD;
    this.threadsReadAll = options.threadsReadAll ?? false;
    this.readsAhead = options.readsAhead ?? true;
  }

  /**
   * Workspace-relative paths of every regular file the ignore rules and skip lists keep, sorted.
   * When cancelled it stops between folders and returns what it found so far: the caller, which
   * owns the token, discards it.
   */
  async list(token: CancellationToken): Promise<string[]> {
    const realRoot = await this.resolveRealRoot();
    if (realRoot === undefined) {
      this.skipped(this.root, 'workspace folder cannot be read');
      return [];
    }
    const { root, filter, maxBytes, cache } = this;
    const memo = cache?.persistent ? cache : undefined;
    const ahead = cache && this.readsAhead ? new ReadAhead({ root, maxBytes, cache, logger: this.logger, threshold: this.parallelReadThreshold, token, threadsReadAll: this.threadsReadAll }) : undefined;
    this.readAhead = ahead;
    // Only files listed without a link (a linked one is resolved again when read), and only those the
    // cache knows nothing of: a known file has mostly not changed, and one stat answers that sooner
    // than a message to a thread (a warm start of 52k files spent half its time so).
    const listed = ahead && cache && ((path: string, linked: boolean) => {
      if (!linked && !cache.known(path)) ahead.offer(path);
    });
    const walk = new TreeWalk({ root, realRoot, filter, memo, listed, skipped: (p, r) => this.skipped(p, r) }, token);
    let paths: string[] = [];
    try {
      this.listing = await walk.run();
      paths = [...this.listing.keys()];
    } finally {
      ahead?.listingDone(token.isCancellationRequested ? [] : paths);
    }
    if (memo) this.logger.log('info', `listed ${paths.length} files in ${walk.folders.walked} folders (${walk.folders.remembered} of them unchanged since the cache)`);
    return paths;
  }

  /**
   * The file's text, or undefined when it is gone, outside the root, not text, or too large; for a
   * listed file the reason is logged, as the walk logs what it skips. The text is left empty when
   * `wantsText` declines the version.
   */
  async read(path: string, wantsText?: (path: string, version: number) => boolean): Promise<WorkspaceFile | undefined> {
    const relative = workspaceRelative(path);
    if (!relative) return undefined;
    // `relative` is normal: a join would only normalise it again (a tenth of a warm check's reads).
    const absolute = `${this.root}${nodePath.sep}${relative}`;
    const throughLink = this.listing.get(relative);
    const claimed = this.readAhead?.claim(relative);
    const ahead = claimed instanceof Promise ? await claimed : claimed;
    if (ahead) {
      if (ahead.skipped !== undefined) {
        this.skipped(relative, ahead.skipped);
        return undefined;
      }
      this.cache?.noteDisk(relative, ahead.disk!);
      if (wantsText && !wantsText(relative, ahead.disk!.version)) return { path: relative, version: ahead.disk!.version, text: '' };
    }
    if (throughLink === false) {
      const unchanged = this.unchangedFile(relative, absolute, wantsText);
      if (unchanged) return unchanged;
    }
    try {
      if (throughLink !== false && !(await this.staysInside(absolute))) return undefined;
      const file = readTextFile(absolute, this.maxBytes, (disk) => {
        this.cache?.noteDisk(relative, disk);
        if (wantsText?.(relative, disk.version) ?? true) return 'text';
        // A version the cache holds was text when it was read: no need to look at its bytes again.
        return this.cache?.holdsText(relative, disk) ? 'nothing' : 'check';
      });
      if (typeof file !== 'string') return { path: relative, ...file };
      if (throughLink !== undefined) this.skipped(relative, file);
    } catch (error) {
      if (throughLink !== undefined) this.skipped(relative, `cannot be read (${errorCode(error)})`);
    }
    return undefined;
  }

  /**
   * A listed file the cache holds at its disk version, when the index does not want its text: known
   * from one stat, never opened. Undefined when it has to be read.
   */
  private unchangedFile(relative: string, absolute: string, wantsText: ((path: string, version: number) => boolean) | undefined): WorkspaceFile | undefined {
    const cache = this.cache;
    if (!wantsText || !cache?.known(relative)) return undefined;
    const looked = this.looked.get(relative);
    if (looked) this.looked.delete(relative);
    const disk = looked ?? regularFileVersion(lstatOf(absolute), this.maxBytes);
    if (!disk || !cache.holdsText(relative, disk)) return undefined;
    cache.noteDisk(relative, disk);
    return wantsText(relative, disk.version) ? undefined : { path: relative, version: disk.version, text: '' };
  }

  /**
   * A digest of what every file of the last listing is on disk now: its path, kind, size and
   * modification time, and where a link it was listed through leads. Two runs that see the same
   * digest read the same texts, as far as the facts cache can tell (it trusts size and time alike).
   * The versions looked at are kept for the reads that follow.
   */
  stateDigest(): string {
    const hash = createHash('sha1');
    for (const [relative, throughLink] of this.listing) {
      const absolute = `${this.root}${nodePath.sep}${relative}`;
      if (throughLink) {
        hash.update(`${relative}\0${linkState(absolute)}\n`);
        continue;
      }
      const stats = lstatOf(absolute);
      const disk = regularFileVersion(stats, this.maxBytes);
      if (disk) this.looked.set(relative, disk);
      hash.update(`${relative}\0${stats ? statState(stats) : '-'}\n`);
    }
    return hash.digest('hex');
  }

  /**
   * Whether the file really is inside the root. Only needed for a path the walk did not list
   * without a link: the walk never steps out of the root, but a link may change after it.
   */
  private async staysInside(absolute: string): Promise<boolean> {
    const realRoot = await this.resolveRealRoot();
    return realRoot !== undefined && isInside(realRoot, realpathSync.native(absolute));
  }

  /** Logs a skipped file or folder once per workspace, however often it is listed again. */
  private skipped(path: string, reason: string): void {
    const line = `skipped ${path}: ${reason}`;
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.logger.log('info', line);
  }

  private resolveRealRoot(): Promise<string | undefined> {
    this.realRoot ??= realpath(this.root).catch(() => undefined);
    return this.realRoot;
  }
}

/** The kind, size and modification time of a file: what the facts cache tells versions by. */
function statState(stats: Stats): string {
  return `${stats.isFile() ? 'file' : stats.isSymbolicLink() ? 'link' : 'other'} ${stats.size} ${stats.mtimeMs}`;
}

/** Where a link leads and what is there, or `-` when it leads nowhere that can be looked at. */
function linkState(absolute: string): string {
  try {
    const real = realpathSync.native(absolute);
    return `${real}\0${statState(statSync(real))}`;
  } catch {
    return '-';
  }
}

/** What normalising a relative path could change: a backslash, a `.` or `..` segment, a leading, doubled or trailing `/`, or nothing at all. */
const NOT_NORMAL = /\\|(?:^|\/)\.\.?(?:\/|$)|^\/|\/\/|\/$|^$/;

/** `a/./b/../c` → `a/c`; a path that climbs out of the root (`../x`, `/etc/passwd`) is none. */
function workspaceRelative(path: string): string | undefined {
  if (!NOT_NORMAL.test(path)) return path;
  const normal = nodePath.posix.normalize(path.replace(/\\/g, '/'));
  if (normal === '.' || normal.startsWith('../') || normal === '..' || nodePath.posix.isAbsolute(normal)) return undefined;
  return normal.replace(/\/$/, '');
}
