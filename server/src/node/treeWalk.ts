import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import type { CancellationToken } from '../engine/api';
import { errorCode } from './fileChecks';
import { readGitInfoExclude } from './gitExclude';
import { IgnoreStack } from './gitignore';
import type { PathFilter } from './pathFilter';
import { isSkippedDirectory, isSkippedFileName } from './skipRules';

const MAX_DEPTH = 64;
/** Folders listed between two yields to the event loop: bounds how long a huge tree blocks it. */
const FOLDER_BATCH = 64;

/** What a walk needs from its workspace. */
export interface WalkContext {
  /** Absolute workspace root as given (links inside it are followed, so not necessarily real). */
  readonly root: string;
  /** The root with every symlink resolved: links must land inside it. */
  readonly realRoot: string;
  readonly filter: PathFilter;
  skipped(path: string, reason: string): void;
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
  private readonly listedFiles = new Set<string>();
  private readonly visitedFolders = new Set<string>();
  private readonly links: PendingLink[] = [];
  /** Folders met and not walked yet, walked depth first. */
  private readonly pending: Folder[] = [];

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
    let entries: Dirent[];
    try {
      entries = readdirSync(nodePath.join(this.context.root, folder.path), { withFileTypes: true });
    } catch (error) {
      return this.context.skipped(folder.path || '.', `folder cannot be read (${errorCode(error)})`);
    }
    const here = this.withOwnGitignore(folder, entries);
    for (const entry of entries) this.visitEntry(here, entry);
  }

  /** The folder's rules extended with its own .gitignore, which applies to its whole subtree. */
  private withOwnGitignore(folder: Folder, entries: readonly Dirent[]): Folder {
    if (!entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) return folder;
    let text: string;
    try {
      text = readFileSync(nodePath.join(this.context.root, folder.path, '.gitignore'), 'utf8');
    } catch {
      return folder;
    }
    return { ...folder, ignores: folder.ignores.push(folder.path, text) };
  }

  private visitEntry(parent: Folder, entry: Dirent): void {
    const path = parent.path ? `${parent.path}/${entry.name}` : entry.name;
    const real = `${parent.real}${nodePath.sep}${entry.name}`;
    if (entry.isSymbolicLink()) this.links.push({ path, parent });
    else if (entry.isDirectory()) this.enterFolder(parent, path, real, parent.linked);
    else if (entry.isFile()) this.considerFile(parent, path, real, parent.linked);
    else this.context.skipped(path, `not a regular file (${specialKind(entry)})`);
  }

  /** 'skip', or how to walk the folder: fully, or only for force-included files. */
  private folderMode(parent: Folder, path: string): 'walk' | 'forced' | 'skip' {
    const skipped =
      parent.forcedOnly ||
      isSkippedDirectory(nodePath.basename(path)) ||
      parent.ignores.ignores(path, true) ||
      this.context.filter.isExcluded(path);
    if (!skipped) return 'walk';
    return this.context.filter.mayIncludeUnder(path) ? 'forced' : 'skip';
  }

  private enterFolder(parent: Folder, path: string, real: string, linked: boolean): void {
    const mode = this.folderMode(parent, path);
    if (mode === 'skip') return;
    this.pending.push({ path, real, depth: parent.depth + 1, ignores: parent.ignores, forcedOnly: mode === 'forced', linked });
  }

  private isCandidateFile(parent: Folder, path: string): boolean {
    const { filter } = this.context;
    if (filter.isIncluded(path)) return true;
    if (parent.forcedOnly || filter.isExcluded(path)) return false;
    return !isSkippedFileName(nodePath.basename(path)) && !parent.ignores.ignores(path, false);
  }

  private considerFile(parent: Folder, path: string, real: string, linked: boolean): void {
    if (!this.isCandidateFile(parent, path)) return;
    this.found.set(path, linked);
    this.listedFiles.add(real);
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
      if (this.folderMode(parent, path) === 'skip') return;
      if (this.visitedFolders.has(real)) return this.context.skipped(path, 'symlink to a folder already listed');
      this.enterFolder(parent, path, real, true);
    } else if (stats.isFile()) {
      if (!this.isCandidateFile(parent, path)) return;
      if (this.listedFiles.has(real)) return this.context.skipped(path, 'symlink to a file already listed');
      this.considerFile(parent, path, real, true);
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
