import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import type { CancellationToken } from '../engine/api';
import { errorCode, lstatOf } from './fileChecks';
import { readGitInfoExclude } from './gitExclude';
import { IgnoreStack } from './gitignore';
import type { PathFilter } from './pathFilter';
import { isSkippedDirectory, isSkippedFileName } from './skipRules';

const MAX_DEPTH = 64;
/** Folders listed between two yields to the event loop: bounds how long a huge tree blocks it. */
const FOLDER_BATCH = 64;
/**
 * A folder changed this close to a walk is not remembered: a change just after the walk might
 * leave its change time as it was on a filesystem with a coarse clock (as git treats a "racy" entry).
 */
const RACY_MS = 2000;

/** What a walk needs from its workspace. */
export interface WalkContext {
  /** Absolute workspace root as given (links inside it are followed, so not necessarily real). */
  readonly root: string;
  /** The root with every symlink resolved: links must land inside it. */
  readonly realRoot: string;
  readonly filter: PathFilter;
  skipped(path: string, reason: string): void;
  /** Where listings are remembered between walks; without one every folder is listed. */
  readonly memo?: FolderMemo;
  /** Told of each file as it is listed (in listing order, not path order): readers may start on it. */
  readonly listed?: (path: string, linked: boolean) => void;
}

/** What the walk kept of one folder's entries: all a later walk under the same rules needs of it. */
export interface FolderEntries {
  /** Files the rules keep. */
  readonly files: readonly string[];
  /** Subfolders to enter, `true` for one entered only for force-included files. */
  readonly folders: readonly (readonly [name: string, forcedOnly: boolean])[];
  readonly links: readonly string[];
  /** Entries that are neither, with why they are skipped. */
  readonly others: readonly (readonly [name: string, reason: string])[];
  /** Whether the folder has its own .gitignore, read again on each walk. */
  readonly gitignore: boolean;
}

/** A folder's entries as remembered: valid while its stamp and the rules in force are the ones recorded. */
export interface RememberedFolder {
  readonly stamp: string;
  readonly rules: string;
  readonly entries: FolderEntries;
}

/**
 * Folder listings kept between walks, like the facts of files: a folder whose change time is the
 * one recorded holds the same names (adding, removing or renaming an entry changes it), so
 * neither its listing nor the ignore rules' verdicts on its entries need to be taken again.
 */
export interface FolderMemo {
  recall(path: string, stamp: string): RememberedFolder | undefined;
  record(path: string, folder: RememberedFolder): void;
}

/**
 * The candidate files, by workspace path: `true` for one reached through a symlink (its real
 * place was checked when the link was followed, but the link may change before it is read).
 */
export type Listing = ReadonlyMap<string, boolean>;

/** A folder to walk: where it is in the workspace, where it really is, and the rules in force. */
interface Folder {
  readonly path: string;
  readonly real: string;
  readonly depth: number;
  readonly ignores: IgnoreStack;
  /** Inside a skipped folder, entered only for files an `include` glob forces in. */
  readonly forcedOnly: boolean;
  /** Reached through a symlink. */
  readonly linked: boolean;
}

/** A symlink met during the walk, resolved only after every real folder and file is known. */
interface PendingLink {
  readonly path: string;
  readonly parent: Folder;
}

/**
 * One listing of the tree, by name and file type alone: nothing is opened here, the reader checks
 * size and content on its one read. Real folders are walked first; symlinks are followed
 * afterwards, one at a time in path order, so a link to something already listed is always the
 * one dropped (no file indexed twice under two names). Listing is synchronous (a system call per
 * folder, cheaper than a promise round trip each) and yields to the event loop between batches of
 * folders; cancellation stops it there.
 */
export class TreeWalk {
  private readonly found = new Map<string, boolean>();
  /** Real paths of the files listed through a link; one listed without is at its own path under the real root. */
  private readonly linkedReals = new Set<string>();
  private readonly visitedFolders = new Set<string>();
  private readonly links: PendingLink[] = [];
  /** Folders met and not walked yet, walked depth first. */
  private readonly pending: Folder[] = [];
  /** When the walk began: folders changed after `startedMs - RACY_MS` are listed, never remembered. */
  private readonly startedMs = Date.now();
  /** Folders walked, and how many of them from the memo instead of a listing. */
  readonly folders = { walked: 0, remembered: 0 };

  constructor(
    private readonly context: WalkContext,
    private readonly token: CancellationToken,
  ) {}

  async run(): Promise<Listing> {
    const { realRoot } = this.context;
    this.pending.push({ path: '', real: realRoot, depth: 0, ignores: await this.rootIgnores(), forcedOnly: false, linked: false });
    await this.walkPending();
    await this.followLinks();
    return new Map([...this.found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** `.git/info/exclude` under the root's own `.gitignore`: the nearer file decides first, as in git. */
  private async rootIgnores(): Promise<IgnoreStack> {
    const exclude = await readGitInfoExclude(this.context.root);
    return exclude === undefined ? IgnoreStack.empty : IgnoreStack.empty.push('', exclude);
  }

  private async walkPending(): Promise<void> {
    for (let walked = 1; this.pending.length && !this.token.isCancellationRequested; walked++) {
      this.walkFolder(this.pending.pop()!);
      if (walked % FOLDER_BATCH === 0) await yieldToEventLoop();
    }
  }

  private walkFolder(folder: Folder): void {
    if (folder.depth > MAX_DEPTH) return this.context.skipped(folder.path, `nested deeper than ${MAX_DEPTH} folders`);
    this.visitedFolders.add(folder.real);
    this.folders.walked++;
    // The root is resolved and relative paths are normalized: no `path.join` (it normalizes the whole path, per folder).
    const absolute = folder.path ? `${this.context.root}${nodePath.sep}${folder.path}` : this.context.root;
    const stat = this.context.memo && !folder.linked ? folderStat(absolute) : undefined;
    if (stat && this.replayRemembered(folder, stat.stamp)) return;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      return this.context.skipped(folder.path || '.', `folder cannot be read (${errorCode(error)})`);
    }
    const hasGitignore = dirents.some((entry) => entry.name === '.gitignore' && entry.isFile());
    const here = this.withOwnGitignore(folder, hasGitignore);
    const entries = this.keptEntries(here, dirents, hasGitignore);
    if (stat && stat.changedMs < this.startedMs - RACY_MS) this.context.memo!.record(folder.path, { stamp: stat.stamp, rules: rulesKey(here, this.context.filter), entries });
    this.replay(here, entries);
  }

  /** Replays the folder's remembered entries when its stamp and rules are the recorded ones; false when it must be listed. */
  private replayRemembered(folder: Folder, stamp: string): boolean {
    const memo = this.context.memo!;
    const remembered = memo.recall(folder.path, stamp);
    if (!remembered) return false;
    const here = this.withOwnGitignore(folder, remembered.entries.gitignore);
    if (remembered.rules !== rulesKey(here, this.context.filter)) return false;
    memo.record(folder.path, remembered);
    this.folders.remembered++;
    this.replay(here, remembered.entries);
    return true;
  }

  /** The folder's rules extended with its own .gitignore, which applies to its whole subtree. */
  private withOwnGitignore(folder: Folder, hasGitignore: boolean): Folder {
    if (!hasGitignore) return folder;
    let text: string;
    try {
      text = readFileSync(nodePath.join(this.context.root, folder.path, '.gitignore'), 'utf8');
    } catch {
      return folder;
    }
    return { ...folder, ignores: folder.ignores.push(folder.path, text) };
  }

  /** What the rules keep of a folder's entries, by kind. */
  private keptEntries(parent: Folder, dirents: readonly Dirent[], gitignore: boolean): FolderEntries {
    // Built whole rather than spread with `gitignore` at the end: V8 gives each spread object a hidden class of its own.
    const entries = { files: [] as string[], folders: [] as [string, boolean][], links: [] as string[], others: [] as [string, string][], gitignore };
    for (const entry of dirents) {
      const path = parent.path ? `${parent.path}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) entries.links.push(entry.name);
      else if (entry.isDirectory()) {
        const mode = this.folderMode(parent, path, entry.name);
        if (mode !== 'skip') entries.folders.push([entry.name, mode === 'forced']);
      } else if (entry.isFile()) {
        if (this.isCandidateFile(parent, path, entry.name)) entries.files.push(entry.name);
      } else entries.others.push([entry.name, `not a regular file (${specialKind(entry)})`]);
    }
    return entries;
  }

  /** Lists the kept files, queues the subfolders and links, and logs what is skipped: by kind, each kind in listing order. */
  private replay(parent: Folder, entries: FolderEntries): void {
    const at = (name: string) => (parent.path ? `${parent.path}/${name}` : name);
    const real = (name: string) => `${parent.real}${nodePath.sep}${name}`;
    for (const name of entries.links) this.links.push({ path: at(name), parent });
    for (const [name, forcedOnly] of entries.folders) this.enterFolder(parent, at(name), real(name), forcedOnly, parent.linked);
    for (const name of entries.files) this.listFile(at(name), parent.linked ? real(name) : undefined);
    for (const [name, reason] of entries.others) this.context.skipped(at(name), reason);
  }

  /** 'skip', or how to walk the folder: fully, or only for force-included files. */
  private folderMode(parent: Folder, path: string, name: string): 'walk' | 'forced' | 'skip' {
    const skipped =
      parent.forcedOnly ||
      isSkippedDirectory(name) ||
      parent.ignores.ignores(path, true) ||
      this.context.filter.isExcluded(path);
    if (!skipped) return 'walk';
    return this.context.filter.mayIncludeUnder(path) ? 'forced' : 'skip';
  }

  private enterFolder(parent: Folder, path: string, real: string, forcedOnly: boolean, linked: boolean): void {
    this.pending.push({ path, real, depth: parent.depth + 1, ignores: parent.ignores, forcedOnly, linked });
  }

  private isCandidateFile(parent: Folder, path: string, name: string): boolean {
    const { filter } = this.context;
    if (filter.isIncluded(path)) return true;
    if (parent.forcedOnly || filter.isExcluded(path)) return false;
    return !isSkippedFileName(name) && !parent.ignores.ignores(path, false);
  }

  /** `real`: where a file listed through a link really is (none for one listed at its own path). */
  private listFile(path: string, real: string | undefined): void {
    const linked = real !== undefined;
    this.found.set(path, linked);
    if (linked) this.linkedReals.add(real);
    this.context.listed?.(path, linked);
  }

  /** Whether the file at a real path is listed already: through a link, or at its own path (all of which are listed before any link is followed). */
  private isListed(real: string): boolean {
    if (this.linkedReals.has(real)) return true;
    const { realRoot } = this.context;
    return isInside(realRoot, real) && this.found.get(nodePath.relative(realRoot, real).split(nodePath.sep).join('/')) === false;
  }

  /** Follows the collected symlinks; links found inside linked folders join the queue in path order. */
  private async followLinks(): Promise<void> {
    this.links.sort(byPath);
    for (let i = 0; i < this.links.length && !this.token.isCancellationRequested; i++) {
      const before = this.links.length;
      this.followLink(this.links[i]);
      await this.walkPending();
      this.links.push(...this.links.splice(before).sort(byPath));
    }
  }

  private followLink({ path, parent }: PendingLink): void {
    const target = this.resolveLink(path);
    if (typeof target === 'string') return this.context.skipped(path, target);
    const { real, stats } = target;
    if (stats.isDirectory()) {
      const mode = this.folderMode(parent, path, nodePath.posix.basename(path));
      if (mode === 'skip') return;
      if (this.visitedFolders.has(real)) return this.context.skipped(path, 'symlink to a folder already listed');
      this.enterFolder(parent, path, real, mode === 'forced', true);
    } else if (stats.isFile()) {
      if (!this.isCandidateFile(parent, path, nodePath.posix.basename(path))) return;
      if (this.isListed(real)) return this.context.skipped(path, 'symlink to a file already listed');
      this.listFile(path, real);
    } else {
      this.context.skipped(path, 'symlink to something that is not a regular file');
    }
  }

  /** The link's real target inside the workspace, or why it cannot be followed. */
  private resolveLink(path: string): { real: string; stats: Stats } | string {
    let real: string;
    let stats: Stats;
    try {
      real = realpathSync.native(nodePath.join(this.context.root, path));
      stats = statSync(real);
    } catch {
      return 'broken or looping symlink';
    }
    return isInside(this.context.realRoot, real) ? { real, stats } : 'symlink points outside the workspace';
  }
}

/** What identifies a folder's version on disk (any entry added, removed or renamed changes it), and when it last changed. */
function folderStat(absolute: string): { stamp: string; changedMs: number } | undefined {
  const stats = lstatOf(absolute);
  if (!stats?.isDirectory()) return undefined;
  return { stamp: `${stats.ino}:${stats.mtimeMs}:${stats.ctimeMs}`, changedMs: Math.max(stats.mtimeMs, stats.ctimeMs) };
}

/** The rules that decide what the walk keeps of a folder: the filter, the .gitignore files in force, and whether only forced files are wanted. */
function rulesKey(folder: Folder, filter: PathFilter): string {
  return `${filter.key}\n${folder.forcedOnly}\n${folder.ignores.key}`;
}

export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot + nodePath.sep);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function byPath(a: PendingLink, b: PendingLink): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  return 'unknown type';
}
