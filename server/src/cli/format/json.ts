import type { Finding } from '../../engine/api';
import { mapped, streamedArray, writeJson, type Output } from './output';

/** The CLI's JSON contract (version 1): lines and columns 1-based, files relative to the checked folder. */
export function writeFindingsJson(out: Output, findings: readonly Finding[], planFiles: readonly string[], fingerprints: ReadonlyMap<Finding, string> = new Map()): void {
  writeJson(out, { version: 1, schemaFiles: planFiles, findings: streamedArray }, mapped(findings, (f) => toJson(f, fingerprints.get(f))));
}

function toJson(f: Finding, fingerprint: string | undefined) {
  return {
    rule: f.rule,
    severity: f.severity,
    port: f.port,
    services: f.services,
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    message: f.message,
    related: f.related.map((r) => ({ file: r.file, line: r.range.start.line + 1, column: r.range.start.character + 1 })),
    fingerprint,
  };
}
