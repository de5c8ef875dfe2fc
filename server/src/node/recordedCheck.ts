import { readFileSync } from 'node:fs';
import type { ConfigWalk, Finding, ILogger } from '../engine/api';
import { writeAtomically, type FactsCache } from './factsCache';

/** Bumped whenever the record's layout changes: an older record is then ignored, never misread. */
const RECORD_FORMAT = 1;
const RECORD_FILE = 'check.json';
/** A larger result is not recorded: reading it back would cost about what checking again does. */
const MAX_RECORDED_FINDINGS = 5_000;

/** What `check` reports: the findings, their fingerprints and the plan files they were checked against. */
export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly fingerprints: ReadonlyMap<Finding, string>;
  readonly planFiles: readonly string[];
}

/** The walk a check made: the committed config's globs, on top of the command line's. */
export type WalkGlobs = Pick<ConfigWalk, 'include' | 'exclude'>;

/**
 * The last check of a tree and what it was made from: the settings (`key`), the committed
 * config's globs it walked with, and the digest of every listed file's disk version
 * (`NodeWorkspace.stateDigest`). A check under the same key that walks with the same globs and
 * sees the same digest reads the same texts, so it would report the same: the result is replayed.
 */
export interface RecordedCheck {
  readonly key: string;
  readonly committed: WalkGlobs;
  readonly state: string;
  readonly result: CheckResult;
}

interface RecordContents {
  readonly format: number;
  readonly tool: string;
  readonly key: string;
  readonly committed: WalkGlobs;
  readonly state: string;
  readonly planFiles: readonly string[];
  readonly findings: readonly Finding[];
  /** The fingerprint of each finding, in the same order. */
  readonly fingerprints: readonly string[];
}


/**
 * The tree's last check, when it was made by this build under `key` and the facts beside it were
 * read back; undefined otherwise (none yet, another build or settings, unreadable, or facts that
 * are being rewritten: the check then runs, and records itself again).
 */
export function readRecordedCheck(cache: FactsCache, key: string): RecordedCheck | undefined {
  const file = cache.fileBeside(RECORD_FILE);
  if (file === undefined || !cache.readBack) return undefined;
  let contents: Partial<RecordContents> | undefined;
  try {
    contents = JSON.parse(readFileSync(file, 'utf8')) as Partial<RecordContents>;
  } catch {
    return undefined;
  }
  if (contents?.format !== RECORD_FORMAT || contents.tool !== cache.tool || contents.key !== key) return undefined;
  const { committed, state, planFiles, findings, fingerprints } = contents;
  if (!committed || typeof state !== 'string' || !Array.isArray(planFiles) || !Array.isArray(findings) || !Array.isArray(fingerprints) || fingerprints.length !== findings.length) {
    return undefined;
  }
  return { key, committed, state, result: { findings, planFiles, fingerprints: new Map(findings.map((f, i) => [f, fingerprints[i]])) } };
}

/** Keeps a check beside the tree's facts, for the next check to replay; a very large result is not kept. */
export function recordCheck(cache: FactsCache, check: RecordedCheck, logger: ILogger): void {
  const file = cache.fileBeside(RECORD_FILE);
  if (file === undefined) return;
  const { findings, fingerprints, planFiles } = check.result;
  if (findings.length > MAX_RECORDED_FINDINGS) return;
  const failure = writeAtomically(file, (out) => {
    // `RecordContents` as JSON, a finding at a time.
    const head = { format: RECORD_FORMAT, tool: cache.tool, key: check.key, committed: check.committed, state: check.state, planFiles };
    out.write(`${JSON.stringify(head).slice(0, -1)},"findings":[`);
    findings.forEach((f, i) => out.write(`${i ? ',' : ''}${JSON.stringify(f)}`));
    out.write(`],"fingerprints":${JSON.stringify(findings.map((f) => fingerprints.get(f) ?? ''))}}`);
  });
  if (failure) logger.log('warn', `recorded check ${file} not written (${failure})`);
}
