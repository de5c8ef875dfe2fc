import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Git's own heuristic: a NUL byte in the first 8 KB means binary. */
const HEAD_BYTES = 8192;

/** Never block on a fifo or device that replaced a regular file between readdir and open. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a file looked like on disk when it was read. */
export interface DiskVersion {
  readonly size: number;
  readonly mtimeMs: number;
  /** The workspace version: changes whenever the file is rewritten (mtime) or resized within the same millisecond. */
  readonly version: number;
}

/**
 * What a reader needs of a file once its disk version is known: its text; only the binary check (it
 * is listed, holding nothing); or nothing more, because a cache holds this very version, which was
 * text when it was read.
 */
export type ReadNeed = 'text' | 'check' | 'nothing';

export interface TextFile {
  readonly text: string;
  readonly version: number;
}

/**
 * The file's text and version, or why it is not indexable text (not a regular file, too large,
 * binary). One open, one stat and one read: the binary check looks at the first bytes of the text.
 * Unless `need` says `text` for this version the text is left empty: after the binary check
 * (`check`: the file is still listed and checked, only not read in full), or at once (`nothing`). Synchronous on purpose: a handful of system
 * calls of a few microseconds each, where promise round trips cost more than the read (callers
 * read in small batches and yield between them). Throws when the file cannot be opened.
 */
export function readTextFile(absolute: string, maxBytes: number, need?: (disk: DiskVersion) => ReadNeed): TextFile | string {
  const fd = openSync(absolute, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return 'not a regular file';
    if (stats.size > maxBytes) return `larger than ${maxBytes / 1024} KB (${Math.ceil(stats.size / 1024)} KB)`;
    const disk = diskVersionOf(stats);
    const { version } = disk;
    const needed = need?.(disk) ?? 'text';
    if (needed === 'nothing') return { text: '', version };
    const bytes = scratch(needed === 'text' ? stats.size : Math.min(stats.size, HEAD_BYTES));
    const head = readInto(fd, bytes, 0, Math.min(stats.size, HEAD_BYTES));
    if (hasNulByte(bytes.subarray(0, head))) return 'binary content';
    if (needed === 'check') return { text: '', version };
    return { text: decodeText(bytes.subarray(0, readInto(fd, bytes, head, stats.size))), version };
  } finally {
    closeSync(fd);
  }
}

/**
 * What the file at `absolute` is on disk, from one `lstat` (a link is not followed): nothing is opened or read,
 * which is most of the cost of a file a cache holds. Undefined when it is gone or cannot be looked at.
 */
export function lstatOf(absolute: string): Stats | undefined {
  try {
    return lstatSync(absolute, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The disk version of a regular file no larger than `maxBytes`, from its `lstat`; undefined otherwise
 * (gone, a link, too large): `readTextFile` then reads it and says what is wrong.
 */
export function regularFileVersion(stats: Stats | undefined, maxBytes: number): DiskVersion | undefined {
  return stats?.isFile() && stats.size <= maxBytes ? diskVersionOf(stats) : undefined;
}

export function sameDisk(a: DiskVersion, b: DiskVersion | undefined): boolean {
  return b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs && a.version === b.version;
}

function diskVersionOf(stats: Stats): DiskVersion {
  return { size: stats.size, mtimeMs: stats.mtimeMs, version: Math.trunc(stats.mtimeMs) * 1000 + (stats.size % 1000) };
}

/**
 * One buffer for every read of this thread, grown to the largest file: the text is decoded out of it
 * before the next read, and a fresh buffer per file made the collector run for memory it never held long.
 */
let scratchBytes = Buffer.allocUnsafe(64 * 1024);

function scratch(size: number): Buffer {
  if (scratchBytes.length < size) scratchBytes = Buffer.allocUnsafe(Math.max(size, scratchBytes.length * 2));
  return scratchBytes.subarray(0, size);
}

/** Fills `bytes` from `from` up to `to` (less when the file shrank since the stat); returns where it stopped. */
function readInto(fd: number, bytes: Buffer, from: number, to: number): number {
  let filled = from;
  while (filled < to) {
    const n = readSync(fd, bytes, filled, to - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

function hasNulByte(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) !== -1;
}

/** Editors drop a UTF-8 byte order mark; dropping it too keeps positions in line with theirs. */
function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
