import { DEFAULT_SEVERITY, RULE_IDS, RULES, type Finding, type RuleId, type Severity } from '../../engine/api';
import { readRuleDoc, repositoryWebUrl, ruleDocWebUri } from '../../node/ruleDocs';
import { mapped, streamedArray, writeJson, type Output } from './output';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** The partialFingerprints key: bump the version when the fingerprint's recipe changes. */
export const FINGERPRINT_KEY = 'portSchemaSite/v1';

export interface SarifRun {
  readonly toolVersion: string;
  readonly fingerprints: ReadonlyMap<Finding, string>;
  /** `file:///…/repo/`: what `%SRCROOT%` stands for. */
  readonly srcRootUri: string;
  /** The checked folder within the source root (`examples/monorepo/`, or empty at the root). */
  readonly prefix: string;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: each rule with its docs (`fullDescription`,
 * `help.markdown`, `helpUri`) and default level; each result at a `%SRCROOT%`-relative location,
 * with related locations and a fingerprint that survives line moves; the run's category in
 * `automationDetails.id`, so two checked folders of one repository are two analyses.
 */
export function writeFindingsSarif(out: Output, findings: readonly Finding[], run: SarifRun): void {
  const ruleIndex = new Map<RuleId, number>(RULE_IDS.map((id, i) => [id, i]));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'port-schema', semanticVersion: run.toolVersion, version: run.toolVersion, informationUri: repositoryWebUrl(), rules: RULE_IDS.map(rule) } },
        automationDetails: { id: `port-schema/${run.prefix}` },
        originalUriBaseIds: { '%SRCROOT%': { uri: run.srcRootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true }],
        results: streamedArray,
      },
    ],
  };
  writeJson(out, doc, mapped(findings, (f) => result(f, ruleIndex.get(f.rule) ?? -1, run)));
}

function rule(id: RuleId) {
  const doc = readRuleDoc(id);
  return {
    id,
    name: id.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: RULES[id] },
    fullDescription: { text: doc?.summary || RULES[id] },
    help: { text: doc?.summary || RULES[id], markdown: doc?.markdown ?? `${RULES[id]}.` },
    helpUri: ruleDocWebUri(id),
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[id]] },
    properties: { tags: ['ports'] },
  };
}

function result(f: Finding, ruleIndex: number, run: SarifRun) {
  const fingerprint = run.fingerprints.get(f);
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.range, run.prefix)],
    ...(f.related.length ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.file, r.range, run.prefix) })) } : {}),
    ...(fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprint } } : {}),
    properties: { severity: f.severity, port: f.port, services: f.services },
  };
}

function location(file: string, range: Finding['range'], prefix: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(prefix + file).replace(/[?#]/g, encodeURIComponent), uriBaseId: '%SRCROOT%' },
      region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
    },
  };
}
