import { constants, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Git's own heuristic: a NUL byte in the first 8 KB means binary. */
export const BINARY_SNIFF_BYTES = 8192;

/** Never block on a fifo or device that replaced a regular file between readdir and open. */
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function hasNulByte(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

/**
 * Why an open file is not indexable text (not a regular file, too large, binary), or undefined
 * when it is. Reads at most the first 8 KB.
 */
export async function unreadableReason(handle: FileHandle, maxBytes: number): Promise<string | undefined> {
  const stats = await handle.stat();
  if (!stats.isFile()) return 'not a regular file';
  if (stats.size > maxBytes) return `larger than ${maxBytes / 1024} KB (${Math.ceil(stats.size / 1024)} KB)`;
  const head = Buffer.alloc(Math.min(stats.size, BINARY_SNIFF_BYTES));
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  return hasNulByte(head.subarray(0, bytesRead)) ? 'binary content' : undefined;
}

/** Editors drop a UTF-8 byte order mark; dropping it too keeps positions in line with theirs. */
export function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Changes whenever the file is rewritten (mtime) or resized within the same millisecond. */
export function versionOf(stats: Stats): number {
  return Math.trunc(stats.mtimeMs) * 1000 + (stats.size % 1000);
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
