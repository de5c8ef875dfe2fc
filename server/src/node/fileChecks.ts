import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';

/** Git's own heuristic: a NUL byte in the first 8 KB means binary. */
const BINARY_SNIFF_BYTES = 8192;

/** Never block on a fifo or device that replaced a regular file between readdir and open. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface TextFile {
  readonly text: string;
  readonly version: number;
}

/** Reused by every sniff: they run synchronously, one at a time. */
const sniffBuffer = Buffer.allocUnsafe(BINARY_SNIFF_BYTES);

/**
 * Why a file is not indexable text (not a regular file, too large, binary), or undefined when it
 * is. Reads at most its first 8 KB. Synchronous on purpose: four system calls of a few
 * microseconds each, where four promise round trips cost several times more (the walk runs these
 * in small batches and yields between them).
 */
export function unreadableReasonSync(absolute: string, maxBytes: number): string | undefined {
  const fd = openSync(absolute, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return 'not a regular file';
    if (stats.size > maxBytes) return `larger than ${maxBytes / 1024} KB (${Math.ceil(stats.size / 1024)} KB)`;
    const bytesRead = readSync(fd, sniffBuffer, 0, Math.min(stats.size, BINARY_SNIFF_BYTES), 0);
    return hasNulByte(sniffBuffer.subarray(0, bytesRead)) ? 'binary content' : undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's text and version, or undefined when it is not a regular text file within the limit.
 * Synchronous for the same reason as the sniff: a handful of system calls on a file already
 * listed, where promise round trips cost more than the read (the caller reads in small batches).
 */
export function readTextFile(absolute: string, maxBytes: number): TextFile | undefined {
  const fd = openSync(absolute, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const bytes = readFileSync(fd);
    return hasNulByte(bytes) ? undefined : { text: decodeText(bytes), version: versionOf(stats) };
  } finally {
    closeSync(fd);
  }
}

function hasNulByte(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

/** Editors drop a UTF-8 byte order mark; dropping it too keeps positions in line with theirs. */
function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Changes whenever the file is rewritten (mtime) or resized within the same millisecond. */
function versionOf(stats: Stats): number {
  return Math.trunc(stats.mtimeMs) * 1000 + (stats.size % 1000);
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
