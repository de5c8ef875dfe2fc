import type { Range } from './text';

/** One text replacement in one workspace file. The shells turn these into a WorkspaceEdit or write them (CLI --fix). */
export interface TextEdit {
  readonly path: string;
  readonly range: Range;
  readonly newText: string;
}

/** A named set of edits: what a code action or command applies as one undoable step. */
export interface PortEdit {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}
