import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { nulLogger, type FactsStore, type ILogger, type StoredFacts } from '../engine/api';
import { ChunkedOutput, type Output } from './chunkedOutput';
import { sameDisk, type DiskVersion } from './fileChecks';
import type { FolderMemo, RememberedFolder } from './treeWalk';

/** Bumped whenever the files' layout changes: an older cache is then ignored, never misread. */
const CACHE_FORMAT = 3;
const CACHE_FILE = 'facts.json';
/** The walk's listings of the folders, apart from the facts: a replayed check needs them and not the facts. */
const FOLDERS_FILE = 'folders.json';
/** All trees' caches together stay under this; the trees used longest ago go first. */
const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;

/** The facts of one file and the disk version they were taken from. */
export interface CachedFile extends DiskVersion, StoredFacts {}

/** The layout of both files of the cache: the facts by path, or the folder listings by path. */
interface CacheFileContents<T> {
  readonly format: number;
  /** The code that extracted the facts: another build may read files differently. */
  readonly tool: string;
  readonly entries: Record<string, T>;
}

/**
 * Facts of the files of one tree, kept on disk between runs, like ESLint's `--cache`: a file whose
 * size and modification time are the ones recorded is not read again. Only versions the workspace
 * saw on disk in this run are trusted or recorded (an editor's unsaved text never is). A cache of
 * another format or build, or one that does not parse, is ignored with one log line. Saving keeps
 * only the files of this run (a deleted or renamed file's entry goes), written atomically. The facts
 * are read from their file when first asked for: a replayed check never asks.
 */
export class FactsCache implements FactsStore, FolderMemo {
  /** The last run's facts, once read (see `#previousFiles`). */
  #previous: ReadonlyMap<string, CachedFile> | undefined;
  readonly #previousFolders: ReadonlyMap<string, RememberedFolder>;
  readonly #currentFolders = new Map<string, RememberedFolder>();
  readonly #current = new Map<string, CachedFile>();
  /** Extracted ahead of the index; saved only once the index takes them (it may not, for a file whose meaning depends on others). */
  readonly #offered = new Map<string, CachedFile>();
  /** The disk version of each file as last read. */
  readonly #seen = new Map<string, DiskVersion>();
  /** Where a facts file that cannot be used is said to be ignored, once it is read. */
  readonly #logger: ILogger;
  /** Whether both files were written by this build (see `readBack`). */
  readonly #readBack: boolean;

  private constructor(
    /** Where the facts are saved; undefined for a cache that lives only as long as the run. */
    readonly file: string | undefined,
    readonly tool: string,
    logger: ILogger,
    folders: ReadonlyMap<string, RememberedFolder>,
    readBack: boolean,
  ) {
    this.#logger = logger;
    this.#previousFolders = folders;
    this.#readBack = readBack;
    if (file === undefined) this.#previous = new Map();
  }

  /** Whether the last run's facts and folder listings are there, written by this build: what a recorded check was made beside (see `recordedCheck.ts`). */
  get readBack(): boolean {
    return this.#readBack;
  }

  /** The cache in `dir` (which need not exist yet) for the code identified by `tool`. */
  static open(dir: string, tool: string, logger: ILogger): FactsCache {
    const file = nodePath.join(dir, CACHE_FILE);
    const folders = readCacheFile<RememberedFolder>(nodePath.join(dir, FOLDERS_FILE), tool, logger);
    return new FactsCache(file, tool, logger, folders ?? new Map(), folders !== undefined && writtenBy(file, tool));
  }

  /** A cache for this run only: where facts extracted ahead of the index (in worker threads) wait for it. */
  static inMemory(): FactsCache {
    return new FactsCache(undefined, '', nulLogger, new Map(), false);
  }

  /** The last run's facts, read on first use. */
  #previousFiles(): ReadonlyMap<string, CachedFile> {
    this.#previous ??= readCacheFile<CachedFile>(this.file!, this.tool, this.#logger) ?? new Map();
    return this.#previous;
  }

  /** Whether it outlives the run: only then are folder listings worth remembering. */
  get persistent(): boolean {
    return this.file !== undefined;
  }

  /** Records what the workspace found on disk for `path` (called on each read). */
  noteDisk(path: string, disk: DiskVersion): void {
    this.#seen.set(path, disk);
  }

  /** The facts held for `path` and the disk version they were taken from: this run's first, then the last run's. */
  known(path: string): CachedFile | undefined {
    return this.#current.get(path) ?? this.#offered.get(path) ?? this.#previousFiles().get(path);
  }

  /** Whether the cache holds facts of this very disk version: it was text when they were taken. */
  holdsText(path: string, disk: DiskVersion): boolean {
    const cached = this.known(path);
    return cached !== undefined && sameDisk(cached, disk);
  }

  /** Facts extracted for `disk` away from the index: taken when the index reads that version. */
  offer(path: string, disk: DiskVersion, stored: StoredFacts): void {
    this.#offered.set(path, cachedFile(disk, stored));
  }

  get(path: string, version: number): StoredFacts | undefined {
    const disk = this.#trusted(path, version);
    const cached = disk && this.known(path);
    if (!cached || !sameDisk(cached, disk)) return undefined;
    this.#current.set(path, cached);
    return cached.directives ? { facts: cached.facts, directives: cached.directives } : { facts: cached.facts };
  }

  set(path: string, version: number, stored: StoredFacts): void {
    const disk = this.#trusted(path, version);
    if (disk) this.#current.set(path, cachedFile(disk, stored));
  }

  /** The disk version of `path` when `version` is the one read from disk, else undefined. */
  #trusted(path: string, version: number): DiskVersion | undefined {
    const disk = this.#seen.get(path);
    return disk?.version === version ? disk : undefined;
  }

  recall(path: string, stamp: string): RememberedFolder | undefined {
    const folder = this.#currentFolders.get(path) ?? this.#previousFolders.get(path);
    return folder?.stamp === stamp ? folder : undefined;
  }

  record(path: string, folder: RememberedFolder): void {
    this.#currentFolders.set(path, folder);
  }

  /**
   * Writes this run's facts and folder listings, each file through a temporary one renamed over it,
   * so no reader sees half of it. A file that holds exactly what this run took from it is only
   * touched (the facts file's time is what eviction goes by).
   */
  save(logger: ILogger): void {
    if (this.file === undefined) return;
    saveEntries(this.file, this.tool, this.#current, this.#previousFiles(), logger);
    saveEntries(this.fileBeside(FOLDERS_FILE)!, this.tool, this.#currentFolders, this.#previousFolders, logger);
  }

  /** Another file of this tree's cache folder (the folder listings, the recorded check); undefined for a cache of one run. */
  fileBeside(name: string): string | undefined {
    return this.file === undefined ? undefined : nodePath.join(nodePath.dirname(this.file), name);
  }

  /** Marks the cache as used now, unchanged: a run that took nothing from it (a replayed check) still used the tree. */
  keep(): void {
    if (this.file !== undefined) touched(this.file);
  }
}

/**
 * One literal of one shape for every file: V8 gives each object made by spreading (`{ ...disk, ...stored }`)
 * a hidden class of its own, and a tree's tens of thousands of them held ~10 MB of classes alone.
 * `directives` is left out of the JSON when undefined, as before.
 */
function cachedFile(disk: DiskVersion, stored: StoredFacts): CachedFile {
  return { size: disk.size, mtimeMs: disk.mtimeMs, version: disk.version, facts: stored.facts, directives: stored.directives };
}

/** Writes one file of the cache, or only touches it when `current` holds exactly `previous`: the very objects read from it, and no others. */
function saveEntries<T>(file: string, tool: string, current: ReadonlyMap<string, T>, previous: ReadonlyMap<string, T>, logger: ILogger): void {
  if (sameEntries(current, previous) && touched(file)) return;
  const failure = writeAtomically(file, (out) => {
    // `CacheFileContents` as JSON, an entry at a time: the facts of a large tree are tens of MB as one string.
    out.write(cacheFileHead(tool));
    writeObject(out, current);
    out.write('}');
  });
  if (failure) logger.log('warn', `facts cache ${file} not written (${failure})`);
}

/** How both files of the cache begin, up to their entries: what `writtenBy` looks for. */
function cacheFileHead(tool: string): string {
  return `{"format":${CACHE_FORMAT},"tool":${JSON.stringify(tool)},"entries":`;
}

/** Whether `file` begins as this build writes it (a cheap look that reads none of its entries). */
function writtenBy(file: string, tool: string): boolean {
  const head = Buffer.from(cacheFileHead(tool));
  const found = Buffer.alloc(head.length);
  try {
    const fd = openSync(file, 'r');
    try {
      return readSync(fd, found, 0, head.length, 0) === head.length && found.equals(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Writes `file` through a temporary file renamed over it, so no reader sees half of it; the
 * folder is made if need be. `write` hands the text over in pieces. Returns why it failed (an
 * error code), or undefined.
 */
export function writeAtomically(file: string, write: (out: Output) => void): string | undefined {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(nodePath.dirname(file), { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      const out = new ChunkedOutput((chunk) => writeSync(fd, chunk));
      write(out);
      out.flush();
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    return undefined;
  } catch (error) {
    rmSync(temporary, { force: true });
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** A map as a JSON object, its keys in order, one entry at a time. */
function writeObject(out: Output, entries: ReadonlyMap<string, unknown>): void {
  let first = true;
  for (const [key, value] of [...entries].sort(byKey)) {
    out.write(`${first ? '{' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`);
    first = false;
  }
  out.write(first ? '{}' : '}');
}

function sameEntries<T>(current: ReadonlyMap<string, T>, previous: ReadonlyMap<string, T>): boolean {
  if (current.size !== previous.size) return false;
  for (const [key, value] of current) if (previous.get(key) !== value) return false;
  return true;
}

function touched(file: string): boolean {
  const now = new Date();
  try {
    utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/** Where the trees' caches go by default: `$XDG_CACHE_HOME/port-schema` (else `~/.cache/port-schema`). */
export function defaultCacheHome(): string {
  return nodePath.join(process.env.XDG_CACHE_HOME || nodePath.join(os.homedir(), '.cache'), 'port-schema');
}

/** The folder of the tree at `realRoot` under a cache home: the first 16 hex digits of the sha256 of its path. */
export function treeCacheDir(home: string, realRoot: string): string {
  return nodePath.join(home, createHash('sha256').update(realRoot).digest('hex').slice(0, 16));
}

/**
 * The cache of the tree at `realRoot` under `home` (the user's cache, the editor's storage), after
 * trimming the other trees there so that all fit in `maxTotalBytes`.
 */
export function openTreeCache(home: string, realRoot: string, tool: string, logger: ILogger, maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES): FactsCache {
  const dir = treeCacheDir(home, realRoot);
  evictOldest(home, dir, maxTotalBytes);
  return FactsCache.open(dir, tool, logger);
}

/**
 * Identifies the running build, whose readers made the facts: its version and a hash of the
 * bundle (`script`), so that a rebuilt bundle of the same version does not trust them either.
 */
export function toolIdentity(version: string, script: string): string {
  let digest = 'unknown';
  try {
    digest = createHash('sha256').update(readFileSync(script)).digest('hex').slice(0, 16);
  } catch {
    // A build that cannot read itself still caches, under its version alone.
  }
  return `${version}+${digest}`;
}

/**
 * The entries of one file of the cache, or undefined when there is none yet or it cannot be used:
 * one that does not parse, or that another format or build wrote, is ignored with one log line.
 */
function readCacheFile<T>(file: string, tool: string, logger: ILogger): Map<string, T> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let contents: Partial<CacheFileContents<T>> | undefined;
  try {
    contents = JSON.parse(text) as Partial<CacheFileContents<T>>;
  } catch {
    contents = undefined;
  }
  if (contents?.format !== CACHE_FORMAT || contents.tool !== tool || !isRecord(contents.entries)) {
    logger.log('info', `facts cache ${file} ignored: ${contents ? 'written by another version' : 'not readable'}; it is rewritten`);
    return undefined;
  }
  return new Map(Object.entries(contents.entries));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Removes whole trees' caches under `home` (one folder per tree: its facts and its recorded check),
 * least recently used first, until they fit in `maxTotalBytes`; never the one at `keep`.
 */
function evictOldest(home: string, keep: string, maxTotalBytes: number): void {
  const trees: { dir: string; bytes: number; mtimeMs: number }[] = [];
  try {
    for (const name of readdirSync(home)) {
      const dir = nodePath.join(home, name);
      if (dir === keep) continue;
      const stats = statSync(nodePath.join(dir, CACHE_FILE), { throwIfNoEntry: false });
      if (stats) trees.push({ dir, bytes: treeBytes(dir), mtimeMs: stats.mtimeMs });
    }
  } catch {
    return;
  }
  let total = trees.reduce((sum, t) => sum + t.bytes, treeBytes(keep));
  for (const tree of trees.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= maxTotalBytes) break;
    rmSync(tree.dir, { recursive: true, force: true });
    total -= tree.bytes;
  }
}

/** The bytes of the files in one tree's cache folder (none when it does not exist yet). */
function treeBytes(dir: string): number {
  try {
    const files = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile());
    return files.reduce((sum, entry) => sum + (statSync(nodePath.join(dir, entry.name), { throwIfNoEntry: false })?.size ?? 0), 0);
  } catch {
    return 0;
  }
}
