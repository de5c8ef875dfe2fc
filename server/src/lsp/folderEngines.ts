import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as nodePath from 'node:path';
import { createPortEngine, type CancellationToken, type ILogger, type PortEngine } from '../engine/api';
import { FactsCache, openTreeCache, toolIdentity } from '../node/factsCache';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { defaultEditorSettings, type EditorSettings } from './editorSettings';
import type { FolderSettings } from './settings';

/** The globs the committed config adds to the walk, and the config file itself (always read). */
interface CommittedWalk {
  readonly file: string | undefined;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

const NO_WALK: CommittedWalk = { file: undefined, include: [], exclude: [] };
/** More paths than a workspace has files with findings; past it the memory of URIs starts again. */
const MAX_REMEMBERED_URIS = 100_000;

/**
 * One engine per workspace folder: each folder has its own plan, and findings never mix. The folder
 * is walked with the editor's include/exclude plus the committed config's (defaults < committed
 * config < settings: the config's lists are added to, never replaced by, the user's).
 */
export class FolderEngine {
  readonly root: string;
  engine: PortEngine;
  /** The folder on disk: what the engine indexes, and where a closed document's text comes from again. */
  workspace: NodeWorkspace;
  #settings: FolderSettings;
  #committed: CommittedWalk = NO_WALK;
  /** `portSchema.enable`, `run`, `live.enable` for this folder. */
  editor: EditorSettings = defaultEditorSettings;
  /** Facts kept between sessions when the editor gives the server a storage folder; else for this session. */
  readonly #cache: FactsCache;
  readonly #uris = new Map<string, string>();
  /** An index completed since the cache was last written. */
  #unsaved = false;

  constructor(readonly uri: string, settings: FolderSettings, readonly logger: ILogger, cacheHome?: string) {
    this.root = fileURLToPath(uri);
    this.#settings = settings;
    this.#cache = (cacheHome === undefined ? undefined : folderCache(cacheHome, this.root, logger)) ?? FactsCache.inMemory();
    this.workspace = this.#workspace();
    this.engine = this.#create();
  }

  /** New file filters need a fresh walk; new rules or plan globs apply to the index as it is. */
  applySettings(settings: FolderSettings, previous: FolderSettings | undefined): boolean {
    const walkChanged =
      !previous ||
      previous.include.join('\n') !== settings.include.join('\n') ||
      previous.exclude.join('\n') !== settings.exclude.join('\n') ||
      previous.maxFileSizeKb !== settings.maxFileSizeKb;
    this.#settings = settings;
    if (walkChanged) this.#rebuild();
    else this.engine.configure(settings.engine);
    return walkChanged;
  }

  /**
   * Whether the committed config now asks for another walk than the one indexed (its include or
   * exclude changed, or it was just found): then the folder is walked again with its lists.
   */
  adoptCommittedWalk(): boolean {
    if (!this.walkIsStale()) return false;
    this.#committed = this.engine.committedConfig();
    this.#rebuild();
    return true;
  }

  /** The committed config (as the engine reads it now) asks for another walk than the one indexed. */
  walkIsStale(): boolean {
    return !sameWalk(this.engine.committedConfig(), this.#committed);
  }

  #rebuild(): void {
    this.workspace = this.#workspace();
    this.engine = this.#create();
  }

  #workspace(): NodeWorkspace {
    const { include, exclude, maxFileSizeKb } = this.#settings;
    const committed = this.#committed;
    const forced = committed.file ? [committed.file] : [];
    return new NodeWorkspace(this.root, { include: [...include, ...committed.include, ...forced], exclude: [...exclude, ...committed.exclude], maxFileSizeKb, logger: this.logger, cache: this.#cache });
  }

  #create(): PortEngine {
    return createPortEngine({ workspace: this.workspace, logger: this.logger, settings: this.#settings.engine, facts: this.#cache });
  }

  /** Workspace-relative path of a file URI inside this folder, else undefined. */
  pathOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const rel = nodePath.relative(this.root, fileURLToPath(uri));
    if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
    return rel.split(nodePath.sep).join('/');
  }

  /** A file's URI, remembered: publishing converts the same few thousand paths on every keystroke. */
  uriOf(path: string): string {
    let uri = this.#uris.get(path);
    if (uri === undefined) {
      if (this.#uris.size >= MAX_REMEMBERED_URIS) this.#uris.clear();
      uri = pathToFileURL(nodePath.join(this.root, path)).toString();
      this.#uris.set(path, uri);
    }
    return uri;
  }

  /** Indexes the folder; a complete index is what the cache keeps for the next session (`saveCache`). */
  async index(progress: (done: number, total: number) => void, token: CancellationToken): Promise<void> {
    await this.engine.indexAll(progress, token);
    if (!token.isCancellationRequested) this.#unsaved = true;
  }

  /** Writes the cache when an index completed since the last write; the server calls it once that index's diagnostics are out. */
  saveCache(): void {
    if (!this.#unsaved) return;
    this.#unsaved = false;
    this.#cache.save(this.logger);
  }
}

/** The folder's cache under the editor's storage; none for a folder that cannot be resolved. */
function folderCache(home: string, root: string, logger: ILogger): FactsCache | undefined {
  try {
    return openTreeCache(home, realpathSync(root), toolIdentity('server', __filename), logger);
  } catch {
    return undefined;
  }
}

/** The same globs; the config file matters only when there are globs (it is forced into a walk that might exclude it). */
function sameWalk(a: CommittedWalk, b: CommittedWalk): boolean {
  const lists = (w: CommittedWalk) => `${w.include.join('\n')}\u0000${w.exclude.join('\n')}`;
  return lists(a) === lists(b) && (lists(a) === '\u0000' || a.file === b.file);
}

/** Routes a URI to the innermost folder that holds it. */
export class FolderEngines {
  readonly #folders = new Map<string, FolderEngine>();

  get all(): FolderEngine[] {
    return [...this.#folders.values()];
  }

  add(folder: FolderEngine): void {
    this.#folders.set(folder.uri, folder);
  }

  remove(uri: string): FolderEngine | undefined {
    const f = this.#folders.get(uri);
    this.#folders.delete(uri);
    return f;
  }

  get(uri: string): FolderEngine | undefined {
    return this.#folders.get(uri);
  }

  /** The folder and relative path for a document URI. */
  locate(uri: string): { folder: FolderEngine; path: string } | undefined {
    let best: { folder: FolderEngine; path: string } | undefined;
    for (const folder of this.#folders.values()) {
      const path = folder.pathOf(uri);
      if (path !== undefined && (!best || folder.root.length > best.folder.root.length)) best = { folder, path };
    }
    return best;
  }
}
