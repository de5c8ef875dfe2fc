import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction as LspCodeAction,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type Hover,
  type Location,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { CodeAction, CodeActionKind as EngineActionKind, Finding, HoverResult, PlanLens, PortCompletion, PortLink, PortSite, Range, RuleId, Severity, TextEdit } from '../engine/api';
import { ruleDocLocalUri } from '../node/ruleDocs';
import { ClientCommands, FIX_ALL_KIND } from './protocol';

/** The one translator from engine values to LSP values (the CLI formatters are the other shell's). */

export type UriOf = (path: string) => string;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Travels with each diagnostic, so a code action request names the finding it is about. */
export interface DiagnosticData {
  readonly rule: RuleId;
  readonly port: number;
}

export function toDiagnostic(f: Finding, uriOf: UriOf): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, port: f.port };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocLocalUri(f.rule) },
    source: 'port-schema',
    message: f.editorMessage ?? f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message })),
    data,
  };
}

/** The last diagnostic of a file with more findings than an editor shows: how many are left out, and where to see them. */
export function toOverflowDiagnostic(hidden: number, after: Range): Diagnostic {
  return {
    range: after,
    severity: DiagnosticSeverity.Information,
    source: 'port-schema',
    message: `${hidden} more Port Schema finding${hidden === 1 ? ' is' : 's are'} not shown in this file: the editor shows at most 1000 per file. The most severe are shown first.`,
  };
}

/** The finding a diagnostic of ours stands for: its rule and port (from `data`) and where it starts. */
export interface DiagnosticKey {
  readonly rule: RuleId;
  readonly port: number;
  readonly range: Range;
}

export function diagnosticKey(d: Diagnostic): DiagnosticKey | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (d.source !== 'port-schema' || typeof data?.rule !== 'string' || typeof data.port !== 'number') return undefined;
  return { rule: data.rule, port: data.port, range: d.range };
}

export function toWorkspaceEdit(edits: readonly TextEdit[], uriOf: UriOf): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) (changes[uriOf(e.path)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

/**
 * A reconcile touches many files: one labelled change group, undone in one step. No
 * `needsConfirmation`: VS Code's preview would list every edit unchecked, and Apply would do nothing.
 */
export function toAnnotatedEdit(edits: readonly TextEdit[], label: string, uriOf: UriOf): WorkspaceEdit {
  const documentChanges = Object.entries(toWorkspaceEdit(edits, uriOf).changes ?? {}).map(([uri, fileEdits]) => ({
    textDocument: { uri, version: null },
    edits: fileEdits.map((e) => ({ ...e, annotationId: 'port-schema' })),
  }));
  return { documentChanges, changeAnnotations: { 'port-schema': { label, needsConfirmation: false } } };
}

/** A new file with `text`, left alone if it already exists. */
export function toCreateFileEdit(uri: string, text: string): WorkspaceEdit {
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}

export function toHover(hover: HoverResult): Hover {
  return { range: hover.range, contents: { kind: 'markdown', value: hover.markdown } };
}

/** A lens on a plan row opens the sites of its port (the references view of VS Code; other editors may ignore it). */
export function toCodeLens(lens: PlanLens, uri: string): CodeLens {
  return { range: lens.range, command: { title: lens.title, command: ClientCommands.showSites, arguments: [uri, lens.position] } };
}

/** The LSP kind of each engine action kind: fix-all is a source action editors run on save. */
export const ACTION_KINDS: Readonly<Record<EngineActionKind, string>> = {
  quickfix: CodeActionKind.QuickFix,
  refactor: CodeActionKind.RefactorRewrite,
  fixAll: FIX_ALL_KIND,
};

/**
 * A quick fix names the diagnostics it fixes; a reconcile is a refactor that runs the align command
 * (which shows what it would change before anything is applied); fix-all carries its edit.
 */
export function toCodeAction(action: CodeAction, diagnostics: readonly Diagnostic[], uriOf: UriOf, folderUri: string): LspCodeAction {
  if (action.kind === 'refactor' && action.reconcile) {
    const command = action.reconcile === 'align-code' ? ClientCommands.alignCodeWithPlan : ClientCommands.alignPlanWithCode;
    return { title: action.title, kind: CodeActionKind.RefactorRewrite, command: { title: action.title, command, arguments: [folderUri] } };
  }
  if (action.kind !== 'quickfix') return { title: action.title, kind: ACTION_KINDS[action.kind], edit: toWorkspaceEdit(action.edits, uriOf) };
  return {
    title: action.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: action.preferred,
    ...(action.finding ? { diagnostics: [...diagnostics] } : {}),
    edit: toWorkspaceEdit(action.edits, uriOf),
  };
}

export function toLocation(site: PortSite, uriOf: UriOf): Location {
  return { uri: uriOf(site.file), range: site.range };
}

/** A link to a line in another file: the fragment `#L<line>,<column>` (1-based), which VS Code opens at that spot. */
export function toDocumentLink(link: PortLink, uriOf: UriOf): DocumentLink {
  const { file, position } = link.target;
  return { range: link.range, target: `${uriOf(file)}#L${position.line + 1},${position.character + 1}`, tooltip: link.tooltip };
}

export function toCompletionItem(c: PortCompletion): CompletionItem {
  return {
    label: String(c.port),
    kind: CompletionItemKind.Value,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    sortText: c.sortText,
    filterText: String(c.port),
    textEdit: { range: c.range, newText: String(c.port) },
  };
}
