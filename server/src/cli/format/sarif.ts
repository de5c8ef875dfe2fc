import { RULES, type Finding, type Severity } from '../../engine/api';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning UIs; rule ids are the same stable ids the editor shows. */
export function formatFindingsSarif(findings: readonly Finding[], version: string): string {
  const rules = Object.entries(RULES).map(([id, text]) => ({ id, shortDescription: { text } }));
  const location = (file: string, range: Finding['range']) => ({
    physicalLocation: {
      artifactLocation: { uri: file },
      region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
    },
  });
  const results = findings.map((f) => ({
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.range)],
    relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.file, r.range) })),
  }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'port-schema', version, rules } }, results }],
    },
    null,
    2,
  );
}
