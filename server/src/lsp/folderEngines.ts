import { fileURLToPath, pathToFileURL } from 'node:url';
import * as nodePath from 'node:path';
import { createPortEngine, type CancellationToken, type ILogger, type PortEngine } from '../engine/api';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { defaultEditorSettings, type EditorSettings } from './editorSettings';
import type { FolderSettings } from './settings';

/** One engine per workspace folder: each folder has its own plan, and findings never mix. */
export class FolderEngine {
  readonly root: string;
  engine: PortEngine;
  /** The folder on disk: what the engine indexes, and where a closed document's text comes from again. */
  workspace: NodeWorkspace;
  /** `portSchema.enable`, `run`, `live.enable` for this folder. */
  editor: EditorSettings = defaultEditorSettings;

  constructor(readonly uri: string, settings: FolderSettings, readonly logger: ILogger) {
    this.root = fileURLToPath(uri);
    this.workspace = this.#workspace(settings);
    this.engine = this.#create(settings);
  }

  /** New file filters need a fresh walk; new rules or plan globs apply to the index as it is. */
  applySettings(settings: FolderSettings, previous: FolderSettings | undefined): boolean {
    const walkChanged =
      !previous ||
      previous.include.join('\n') !== settings.include.join('\n') ||
      previous.exclude.join('\n') !== settings.exclude.join('\n') ||
      previous.maxFileSizeKb !== settings.maxFileSizeKb;
    if (walkChanged) {
      this.workspace = this.#workspace(settings);
      this.engine = this.#create(settings);
    } else {
      this.engine.configure(settings.engine);
    }
    return walkChanged;
  }

  #workspace(settings: FolderSettings): NodeWorkspace {
    return new NodeWorkspace(this.root, { include: settings.include, exclude: settings.exclude, maxFileSizeKb: settings.maxFileSizeKb, logger: this.logger });
  }

  #create(settings: FolderSettings): PortEngine {
    return createPortEngine({ workspace: this.workspace, logger: this.logger, settings: settings.engine });
  }

  /** Workspace-relative path of a file URI inside this folder, else undefined. */
  pathOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const rel = nodePath.relative(this.root, fileURLToPath(uri));
    if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
    return rel.split(nodePath.sep).join('/');
  }

  uriOf(path: string): string {
    return pathToFileURL(nodePath.join(this.root, path)).toString();
  }

  index(progress: (done: number, total: number) => void, token: CancellationToken): Promise<void> {
    return this.engine.indexAll(progress, token);
  }
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
