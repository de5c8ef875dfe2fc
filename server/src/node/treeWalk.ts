import type { Dirent, Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { CancellationToken } from '../engine/api';
import { errorCode, unreadableReasonSync } from './fileChecks';
import { readGitInfoExclude } from './gitExclude';
import { IgnoreStack } from './gitignore';
import type { Limiter } from './limiter';
import type { PathFilter } from './pathFilter';
import { isSkippedDirectory, isSkippedFileName } from './skipRules';

const MAX_DEPTH = 64;
/** Files sniffed between two yields to the event loop: bounds how long a huge folder blocks it. */
const SNIFF_BATCH = 128;

/** What a walk needs from its workspace. */
export interface WalkContext {
  /** Absolute workspace root as given (links inside it are followed, so not necessarily real). */
  readonly root: string;
  /** The root with every symlink resolved: links must land inside it. */
  readonly realRoot: string;
  readonly filter: PathFilter;
  readonly maxBytes: number;
  readonly limiter: Limiter;
  skipped(path: string, reason: string): void;
}

/** A folder to walk: where it is in the workspace, where it really is, and the rules in force. */
interface Folder {
  readonly path: string;
  readonly real: string;
  readonly depth: number;
  readonly ignores: IgnoreStack;
  /** Inside a skipped folder, entered only for files an `include` glob forces in. */
  readonly forcedOnly: boolean;
}

interface FileEntry {
  readonly path: string;
  readonly real: string;
}

/** A symlink met during the walk, resolved only after every real folder and file is known. */
interface PendingLink {
  readonly path: string;
  readonly parent: Folder;
}

/**
 * One listing of the tree. Real folders are walked first, concurrently; symlinks are followed
 * afterwards, one at a time in path order, so a link to something already listed is always the
 * one dropped (no file indexed twice under two names) and the result does not depend on timing.
 * Cancellation stops the walk between folders.
 */
export class TreeWalk {
  private readonly found: string[] = [];
  private readonly listedFiles = new Set<string>();
  private readonly visitedFolders = new Set<string>();
  private readonly links: PendingLink[] = [];

  constructor(
    private readonly context: WalkContext,
    private readonly token: CancellationToken,
  ) {}

  async run(): Promise<string[]> {
    const { realRoot } = this.context;
    await this.walkFolder({ path: '', real: realRoot, depth: 0, ignores: await this.rootIgnores(), forcedOnly: false });
    await this.followLinks();
    return this.found.sort();
  }

  /** `.git/info/exclude` under the root's own `.gitignore`: the nearer file decides first, as in git. */
  private async rootIgnores(): Promise<IgnoreStack> {
    const exclude = await this.context.limiter.run(() => readGitInfoExclude(this.context.root));
    return exclude === undefined ? IgnoreStack.empty : IgnoreStack.empty.push('', exclude);
  }

  private async walkFolder(folder: Folder): Promise<void> {
    if (this.token.isCancellationRequested) return;
    if (folder.depth > MAX_DEPTH) return this.context.skipped(folder.path, `nested deeper than ${MAX_DEPTH} folders`);
    this.visitedFolders.add(folder.real);
    let entries: Dirent[];
    try {
      const absolute = nodePath.join(this.context.root, folder.path);
      entries = await this.context.limiter.run(() => readdir(absolute, { withFileTypes: true }));
    } catch (error) {
      return this.context.skipped(folder.path || '.', `folder cannot be read (${errorCode(error)})`);
    }
    const here = await this.withOwnGitignore(folder, entries);
    const files: FileEntry[] = [];
    const subfolders = entries.map((entry) => this.visitEntry(here, entry, files));
    await this.considerFiles(here, files);
    await Promise.all(subfolders);
  }

  /** The folder's rules extended with its own .gitignore, which applies to its whole subtree. */
  private async withOwnGitignore(folder: Folder, entries: readonly Dirent[]): Promise<Folder> {
    if (!entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) return folder;
    const file = nodePath.join(this.context.root, folder.path, '.gitignore');
    const text = await this.context.limiter.run(() => readFile(file, 'utf8')).catch(() => undefined);
    return text === undefined ? folder : { ...folder, ignores: folder.ignores.push(folder.path, text) };
  }

  /** Starts walking a subfolder; collects regular files in `files` to be sniffed as a batch. */
  private async visitEntry(parent: Folder, entry: Dirent, files: FileEntry[]): Promise<void> {
    const path = parent.path ? `${parent.path}/${entry.name}` : entry.name;
    const real = `${parent.real}${nodePath.sep}${entry.name}`;
    if (entry.isSymbolicLink()) this.links.push({ path, parent });
    else if (entry.isDirectory()) await this.enterFolder(parent, path, real);
    else if (entry.isFile()) files.push({ path, real });
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

  private async enterFolder(parent: Folder, path: string, real: string): Promise<void> {
    const mode = this.folderMode(parent, path);
    if (mode === 'skip') return;
    await this.walkFolder({ path, real, depth: parent.depth + 1, ignores: parent.ignores, forcedOnly: mode === 'forced' });
  }

  private isCandidateFile(parent: Folder, path: string): boolean {
    const { filter } = this.context;
    if (filter.isIncluded(path)) return true;
    if (parent.forcedOnly || filter.isExcluded(path)) return false;
    return !isSkippedFileName(nodePath.basename(path)) && !parent.ignores.ignores(path, false);
  }

  private async considerFiles(parent: Folder, files: readonly FileEntry[]): Promise<void> {
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % SNIFF_BATCH === 0) await yieldToEventLoop();
      this.considerFile(parent, files[i]);
    }
  }

  private considerFile(parent: Folder, { path, real }: FileEntry): void {
    if (!this.isCandidateFile(parent, path)) return;
    const reason = this.sniff(nodePath.join(this.context.root, path));
    if (reason !== undefined) return this.context.skipped(path, reason);
    this.found.push(path);
    this.listedFiles.add(real);
  }

  private sniff(absolute: string): string | undefined {
    try {
      return unreadableReasonSync(absolute, this.context.maxBytes);
    } catch (error) {
      return `cannot be read (${errorCode(error)})`;
    }
  }

  /** Follows the collected symlinks; links found inside linked folders join the queue. */
  private async followLinks(): Promise<void> {
    this.links.sort(byPath);
    for (let i = 0; i < this.links.length && !this.token.isCancellationRequested; i++) {
      const before = this.links.length;
      await this.followLink(this.links[i]);
      // Links inside a linked folder arrive in completion order; keep the queue in path order.
      this.links.push(...this.links.splice(before).sort(byPath));
    }
  }

  private async followLink({ path, parent }: PendingLink): Promise<void> {
    const target = await this.resolveLink(path);
    if (typeof target === 'string') return this.context.skipped(path, target);
    const { real, stats } = target;
    if (stats.isDirectory()) {
      if (this.folderMode(parent, path) === 'skip') return;
      if (this.visitedFolders.has(real)) return this.context.skipped(path, 'symlink to a folder already listed');
      await this.enterFolder(parent, path, real);
    } else if (stats.isFile()) {
      if (!this.isCandidateFile(parent, path)) return;
      if (this.listedFiles.has(real)) return this.context.skipped(path, 'symlink to a file already listed');
      this.considerFile(parent, { path, real });
    } else {
      this.context.skipped(path, 'symlink to something that is not a regular file');
    }
  }

  /** The link's real target inside the workspace, or why it cannot be followed. */
  private async resolveLink(path: string): Promise<{ real: string; stats: Stats } | string> {
    let real: string;
    let stats: Stats;
    try {
      real = await realpath(nodePath.join(this.context.root, path));
      stats = await stat(real);
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
