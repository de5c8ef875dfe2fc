import { readFile, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';

/** An exclude file is a few lines; anything bigger is not one worth reading. */
const MAX_EXCLUDE_BYTES = 256 * 1024;
/** `.git` as a file holds one `gitdir:` line; `commondir` holds one path. */
const MAX_POINTER_BYTES = 4096;

/**
 * The text of the repository's `info/exclude`: the patterns a developer keeps out of git without
 * committing a `.gitignore` (scratch folders, local experiments). Git applies it like a root
 * `.gitignore` of lower precedence. In a linked worktree or a submodule `.git` is a file naming the
 * git folder (`gitdir: …`), and a worktree shares its exclude with the main one (`commondir`).
 * Undefined when there is none or it cannot be read: a missing exclude is the normal case.
 */
export async function readGitInfoExclude(root: string): Promise<string | undefined> {
  const gitDir = await resolveGitDir(root);
  if (!gitDir) return undefined;
  const commonDir = await readPointer(nodePath.join(gitDir, 'commondir'));
  const base = commonDir ? nodePath.resolve(gitDir, commonDir) : gitDir;
  return readSmallFile(nodePath.join(base, 'info', 'exclude'), MAX_EXCLUDE_BYTES);
}

/** `<root>/.git` when it is a folder, the folder its `gitdir:` line names when it is a file. */
async function resolveGitDir(root: string): Promise<string | undefined> {
  const dotGit = nodePath.join(root, '.git');
  const stats = await stat(dotGit).catch(() => undefined);
  if (stats?.isDirectory()) return dotGit;
  if (!stats?.isFile()) return undefined;
  const pointer = /^gitdir:\s*(.+)$/m.exec((await readSmallFile(dotGit, MAX_POINTER_BYTES)) ?? '');
  return pointer ? nodePath.resolve(root, pointer[1].trim()) : undefined;
}

async function readPointer(file: string): Promise<string | undefined> {
  const text = (await readSmallFile(file, MAX_POINTER_BYTES))?.trim();
  return text || undefined;
}

async function readSmallFile(file: string, maxBytes: number): Promise<string | undefined> {
  try {
    const stats = await stat(file);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
