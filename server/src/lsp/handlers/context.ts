import { ResponseError, type Connection } from 'vscode-languageserver/node';
import type { ILogger } from '../../engine/api';
import type { FolderEngine, FolderEngines } from '../folderEngines';

/** What every handler needs: the connection, the folders' engines, and a way to wait for indexing. */
export interface ServerContext {
  readonly connection: Connection;
  readonly folders: FolderEngines;
  readonly logger: ILogger;
  /** Resolves once settings are read and every folder is indexed (requests wait for it). */
  ready(): Promise<void>;
  /** The text of an open document as the editor has it now; undefined when it is not open. */
  textOf(uri: string): string | undefined;
}

/** The folder and path of a document, unless its folder has `portSchema.enable: false` (then nothing is answered for it). */
export async function locateEnabled(ctx: ServerContext, uri: string): Promise<{ folder: FolderEngine; path: string } | undefined> {
  await ctx.ready();
  const at = ctx.folders.locate(uri);
  return at?.folder.editor.enable ? at : undefined;
}

/** The folder a request or command names (by its URI or a file in it), or every folder when it names none. */
export function targetFolders(ctx: ServerContext, folderUri: string | undefined): FolderEngine[] {
  if (!folderUri) return ctx.folders.all.filter((f) => f.editor.enable);
  const folder = ctx.folders.get(folderUri) ?? ctx.folders.locate(folderUri)?.folder;
  return folder?.editor.enable ? [folder] : [];
}

/** Runs a notification handler: a failure is logged, never thrown at the connection. */
export function guard(logger: ILogger, what: string, fn: () => unknown): void {
  try {
    const result = fn();
    if (result instanceof Promise) result.catch((err: unknown) => logger.log('error', `${what} failed: ${describeError(err)}`));
  } catch (err) {
    logger.log('error', `${what} failed: ${describeError(err)}`);
  }
}

/**
 * Runs a request handler: a typed `ResponseError` (bad input) goes to the client as is; anything
 * else is logged and answered with `fallback`, so one bad file never stops the server.
 */
export async function answer<T>(logger: ILogger, what: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    logger.log('error', `${what} failed: ${describeError(err)}`);
    return fallback;
  }
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
}
