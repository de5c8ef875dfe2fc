import type { FileFacts } from './extract/extractor';
import type { ScannedDirectives } from './syntax/suppressions';

/**
 * What the engine needs from its host. The CLI, the language server and the tests each
 * supply their own implementation, so the engine never touches the file system, LSP or VS Code.
 */

/** Satisfied as is by LSP's CancellationToken. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const noopToken: CancellationToken = { isCancellationRequested: false };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ILogger {
  log(level: LogLevel, message: string, data?: unknown): void;
}

export const nulLogger: ILogger = { log() { /* tests and silent runs */ } };

/** A file as the engine sees it: workspace-relative path with forward slashes, and its text. */
export interface WorkspaceFile {
  /** Path relative to the workspace root, `/`-separated (`services/api/main.py`). */
  readonly path: string;
  /** Bumped by the host on every change; facts are cached per path + version. */
  readonly version: number;
  readonly text: string;
}

/**
 * The workspace the engine indexes. `list()` returns the candidate paths (already filtered for
 * ignore rules by the host); `read()` returns undefined for a file that vanished, could not be
 * read, or is not indexable text (binary, too large). With `wantsText`, a file whose version it
 * declines may come back with an empty text: the index has nothing to read in it (no reader
 * claims it) or already holds its facts.
 */
export interface IWorkspace {
  /** Absolute root (only used for display and for converting paths back to URIs). */
  readonly root: string;
  list(token: CancellationToken): Promise<string[]>;
  read(path: string, wantsText?: (path: string, version: number) => boolean): Promise<WorkspaceFile | undefined>;
}

/** What the index derives from one version of a file: its facts and its suppression comments. */
export interface StoredFacts {
  readonly facts: FileFacts;
  readonly directives?: ScannedDirectives;
}

/**
 * Facts a host keeps between runs (a cache on disk), by path and version. The index asks before
 * reading a file it may restore (one whose meaning depends on no other file), and hands over what
 * it extracts. The host decides which versions it trusts: it saw them on disk.
 */
export interface FactsStore {
  get(path: string, version: number): StoredFacts | undefined;
  set(path: string, version: number, stored: StoredFacts): void;
}

/**
 * A socket listening on this machine right now, as the host sees it (`/proc/net/tcp`, `lsof`): what
 * the hover says is running and what next-free skips. The process is unknown when its file
 * descriptors cannot be read (another user's process); `container` names what a `docker-proxy` forwards to.
 */
export interface LiveListener {
  readonly port: number;
  /** `0.0.0.0`, `::`, `127.0.0.1`. */
  readonly address: string;
  readonly pid?: number;
  readonly process?: string;
  readonly container?: string;
}
