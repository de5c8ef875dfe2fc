import type { Finding } from '../../engine/checks/finding';
import type { TextEdit } from '../../engine/edit';
import type { Extractor } from '../../engine/extract/extractor';
import { nulLogger, type IWorkspace, type WorkspaceFile } from '../../engine/host';
import { WorkspaceEngine } from '../../engine/portEngine';
import { defaultSettings, type EngineSettings } from '../../engine/settings';
import { applyEdits } from '../plan/fixtures';

/** Workspace-relative path → file text: a whole workspace written as a literal. */
export type Files = Readonly<Record<string, string>>;

/** An `IWorkspace` over a literal, so engine tests run without touching the disk. */
export class InMemoryWorkspace implements IWorkspace {
  readonly root = '/in-memory';
  readonly #files = new Map<string, WorkspaceFile>();

  constructor(files: Files) {
    for (const [path, text] of Object.entries(files)) this.#files.set(path, { path, version: 1, text });
  }

  async list(): Promise<string[]> {
    return [...this.#files.keys()];
  }

  async read(path: string): Promise<WorkspaceFile | undefined> {
    return this.#files.get(path);
  }
}

/** A fully indexed engine over `files`, as the CLI would build it from disk. */
export async function engineFor(files: Files, settings: Partial<EngineSettings> = {}, extractors?: readonly Extractor[]): Promise<WorkspaceEngine> {
  const engine = new WorkspaceEngine({ workspace: new InMemoryWorkspace(files), logger: nulLogger, settings: { ...defaultSettings, ...settings }, extractors });
  await engine.indexAll();
  return engine;
}

/** Applies edits that may span several files; files no edit touches are returned unchanged. */
export function applyWorkspaceEdits(files: Files, edits: readonly TextEdit[]): Record<string, string> {
  const out: Record<string, string> = { ...files };
  const byPath = new Map<string, TextEdit[]>();
  for (const e of edits) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  for (const [path, fileEdits] of byPath) {
    if (out[path] === undefined) throw new Error(`edit for ${path}, which is not in the workspace`);
    out[path] = applyEdits(out[path], fileEdits);
  }
  return out;
}

/** `rule severity file:line port services`: one line per finding, 1-based line, for exact assertions. */
export function summary(f: Finding): string {
  return `${f.rule} ${f.severity} ${f.file}:${f.range.start.line + 1} ${f.port} ${f.services.join(',')}`;
}

/** Summaries of the findings of the given rules (all rules when none given). */
export function summaries(findings: readonly Finding[], ...rules: Finding['rule'][]): string[] {
  return findings.filter((f) => rules.length === 0 || rules.includes(f.rule)).map(summary);
}
