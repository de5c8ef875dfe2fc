import { DiagnosticSeverity, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/checks/finding';
import type { TextEdit } from '../engine/edit';

/** Only this file and the CLI formatters translate engine types for the outside world. */

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  readonly rule: string;
  readonly port: number;
}

export function toDiagnostic(f: Finding, uriOf: (path: string) => string): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, port: f.port };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'port-schema',
    message: f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message })),
    data,
  };
}

export function toWorkspaceEdit(edits: readonly TextEdit[], uriOf: (path: string) => string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) (changes[uriOf(e.path)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}
