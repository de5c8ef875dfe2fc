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
  /** The name of the change in the editor's undo history and refactor preview, when it differs from the title. */
  readonly label?: string;
  readonly edits: readonly TextEdit[];
}
