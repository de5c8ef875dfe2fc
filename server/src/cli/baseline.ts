import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../engine/api';
import { UsageError } from './args';

/**
 * A baseline: the fingerprints of the findings a repository has accepted for now, so a check in CI
 * reports only what is new. Fingerprints, not changed lines: an edit in one file can make a
 * finding in another. Each entry keeps the rule, file, port and message for the reviewer of the file.
 */
export interface Baseline {
  readonly version: 1;
  readonly tool: 'port-schema';
  readonly findings: readonly BaselineEntry[];
}

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly rule: string;
  readonly file: string;
  readonly port: number;
  readonly message: string;
}

export function baselineOf(findings: readonly Finding[], fingerprints: ReadonlyMap<Finding, string>): Baseline {
  const entries = findings.flatMap((f) => {
    const fingerprint = fingerprints.get(f);
    return fingerprint ? [{ fingerprint, rule: f.rule, file: f.file, port: f.port, message: f.message }] : [];
  });
  return { version: 1, tool: 'port-schema', findings: entries };
}

/** The fingerprints of a baseline file; a missing or malformed one is a usage error naming the file. */
export function readBaseline(file: string): Set<string> {
  if (!existsSync(file)) throw new UsageError(`baseline ${file} not found; write one with --write-baseline ${file}`, 'check');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`baseline ${file} is not JSON (${err instanceof Error ? err.message : String(err)}); write it again with --write-baseline ${file}`, 'check');
  }
  const findings = (doc as Partial<Baseline> | null)?.findings;
  if ((doc as Partial<Baseline> | null)?.tool !== 'port-schema' || (doc as Partial<Baseline>).version !== 1 || !Array.isArray(findings)) {
    throw new UsageError(`${file} is not a port-schema baseline (version 1, with a findings list); write it with --write-baseline ${file}`, 'check');
  }
  return new Set(findings.flatMap((e: Partial<BaselineEntry>) => (typeof e?.fingerprint === 'string' ? [e.fingerprint] : [])));
}
