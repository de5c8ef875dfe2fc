import { RULES, type Finding, type Severity } from '../../engine/api';
import { mapped, streamedArray, writeJson, type Output } from './output';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning UIs; rule ids are the same stable ids the editor shows. */
export function writeFindingsSarif(out: Output, findings: readonly Finding[], version: string): void {
  const rules = Object.entries(RULES).map(([id, text]) => ({ id, shortDescription: { text } }));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'port-schema', version, rules } }, results: streamedArray }],
  };
  writeJson(out, doc, mapped(findings, toResult));
}

function toResult(f: Finding) {
  return {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.range)],
    relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.file, r.range) })),
  };
}

function location(file: string, range: Finding['range']) {
  return {
    physicalLocation: {
      artifactLocation: { uri: file },
      region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
    },
  };
}
