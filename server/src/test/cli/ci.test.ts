import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { escapeData, escapeProperty } from '../../cli/format/github';
import { runCli, type CliFinding } from '../helpers/cli';
import { copyWorkspace, REPO_ROOT } from '../helpers/lspClient';

/** The CLI in CI: SARIF that code scanning tracks, baselines, workflow annotations, the committed config, the Action's command. */

const EXAMPLES = path.join(REPO_ROOT, 'examples/monorepo');

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; fullDescription: { text: string }; help: { markdown: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
    automationDetails: { id: string };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
      relatedLocations?: unknown[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

/** The SARIF 2.1.0 schema shipped in schemas/, compiled once; formats checked as the spec means them. */
const validateSarif = (() => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uri', { validate: (s: string) => URL.canParse(s) });
  ajv.addFormat('uri-reference', { validate: (s: string) => URL.canParse(s, 'file:///') });
  ajv.addFormat('date-time', { validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  ajv.addFormat('uuid', { validate: (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) });
  return ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/sarif-2.1.0.json'), 'utf8')));
})();

function sarifOf(...args: string[]): SarifLog {
  const { code, stdout, stderr } = runCli('check', ...args, '--format', 'sarif', '--fail-on', 'never');
  assert.equal(code, 0, stderr);
  const log = JSON.parse(stdout) as SarifLog;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
  return log;
}

function jsonFindings(...args: string[]): { code: number | null; findings: (CliFinding & { fingerprint: string })[]; stderr: string } {
  const { code, stdout, stderr } = runCli('check', ...args, '--format', 'json', '--min-severity', 'hint');
  assert.ok(code === 0 || code === 1, stderr);
  return { code, findings: JSON.parse(stdout).findings, stderr };
}

function insertLinesAbove(file: string, line: number, lines: string[]): void {
  const text = readFileSync(file, 'utf8').split('\n');
  text.splice(line - 1, 0, ...lines);
  writeFileSync(file, text.join('\n'));
}

describe('port-schema check in CI', () => {
  it('each command has its own --help; bad usage names the option and exits 2', () => {
    const help = runCli('check', '--help');
    assert.equal(help.code, 0);
    for (const flag of ['--baseline FILE', '--write-baseline FILE', '--output-file FILE', '--config FILE', '--format FORMAT', '--report-unused-disables']) assert.ok(help.stdout.includes(flag), flag);
    assert.match(runCli('next', '--help').stdout, /--range NAME\|START-END/);
    assert.doesNotMatch(runCli('map', '--help').stdout, /--baseline/);
    assert.equal(runCli('help', 'map').stdout, runCli('map', '--help').stdout);
    const cases: [string[], RegExp][] = [
      [['check', EXAMPLES, '--fail-on'], /--fail-on needs a value \(--fail-on LEVEL\)/],
      [['check', EXAMPLES, '--format', 'xml'], /--format must be one of text, json, sarif, github \(got 'xml'\)/],
      [['check', EXAMPLES, '--verbose=yes'], /--verbose takes no value/],
      [['map', EXAMPLES, '--baseline', 'x.json'], /map: unknown option --baseline/],
      [['check', EXAMPLES, 'other-folder'], /check takes one folder, got 2/],
      [['check', EXAMPLES, '--rule', 'drift=loud'], /--rule drift=loud: write drift=SEVERITY/],
      [['check', EXAMPLES, '--baseline', path.join(tmpdir(), 'no-such-baseline.json')], /baseline .*no-such-baseline\.json not found; write one with --write-baseline/],
      [['check', EXAMPLES, '--config', '../../package.json'], /config file \.\.\/\.\.\/package\.json is outside/],
      [['lint'], /unknown command 'lint'/],
    ];
    for (const [args, message] of cases) {
      const res = runCli(...args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, message);
      assert.match(res.stderr, /Run port-schema (\w+ )?--help for usage/);
    }
  });

  it('SARIF validates against the SARIF 2.1.0 schema: rule docs, %SRCROOT%-relative paths, related locations, fingerprints', () => {
    const [run] = sarifOf(EXAMPLES).runs;
    const collision = run.tool.driver.rules.find((r) => r.id === 'collision')!;
    assert.match(collision.help.markdown, /^# `collision`\n/);
    assert.match(collision.fullDescription.text, /^Two services listen on the same port in the same network namespace/);
    assert.match(collision.helpUri, /^https:\/\/.*\/docs\/rules\/collision\.md$/);
    assert.equal(run.tool.driver.rules.find((r) => r.id === 'schema-duplicate')!.defaultConfiguration.level, 'error');
    for (const rule of run.tool.driver.rules) assert.ok(existsSync(path.join(REPO_ROOT, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
    // The checked folder is not the repository root: paths are the repository's, and the category is the folder.
    assert.equal(run.automationDetails.id, 'port-schema/examples/monorepo/');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${new URL(`file://${REPO_ROOT}/`).href}`);
    for (const r of run.results) {
      const { artifactLocation } = r.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(existsSync(path.join(REPO_ROOT, decodeURI(artifactLocation.uri))), artifactLocation.uri);
    }
    assert.ok(run.results.find((r) => r.ruleId === 'collision')!.relatedLocations!.length > 0);
    const fingerprints = run.results.map((r) => r.partialFingerprints['portSchemaSite/v1']);
    assert.ok(fingerprints.every((f) => /^[0-9a-f]{16}$/.test(f)));
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'one fingerprint per result');
  });

  it('fingerprints are unchanged after lines are inserted above the findings', () => {
    const dir = copyWorkspace('examples/monorepo');
    const key = (r: SarifLog['runs'][0]['results'][0]) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`;
    const before = new Map(sarifOf(dir).runs[0].results.map((r) => [r.partialFingerprints['portSchemaSite/v1'], key(r)]));
    insertLinesAbove(path.join(dir, 'services/billing/main.go'), 1, ['// Billing service.', '// Invoices and webhooks.', '']);
    insertLinesAbove(path.join(dir, 'ports.yaml'), 1, ['# reviewed 2024-05', '']);
    insertLinesAbove(path.join(dir, 'services/search/app/main.py'), 40, ['# the port comes from the environment in production']);
    const after = new Map(sarifOf(dir).runs[0].results.map((r) => [r.partialFingerprints['portSchemaSite/v1'], key(r)]));
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    const drift = [...before].find(([, k]) => k.startsWith('drift services/billing/main.go'))!;
    assert.equal(after.get(drift[0]), drift[1].replace(/:(\d+)$/, (_, n: string) => `:${Number(n) + 3}`), 'the same finding, three lines lower');
  });

  it('a baseline written on examples/monorepo hides every finding; a newly introduced collision shows up alone', () => {
    const dir = copyWorkspace('examples/monorepo');
    const baseline = path.join(dir, '.port-schema-baseline.json');
    const written = runCli('check', dir, '--write-baseline', baseline, '--fail-on', 'warning');
    assert.equal(written.code, 0, written.stderr);
    const all = jsonFindings(dir, '--fail-on', 'never').findings;
    assert.match(written.stderr, new RegExp(`wrote ${all.length} findings to the baseline`));
    const entries = JSON.parse(readFileSync(baseline, 'utf8')).findings as { fingerprint: string; rule: string }[];
    assert.deepEqual(entries.map((e) => e.fingerprint).sort(), all.map((f) => f.fingerprint).sort());
    const quiet = jsonFindings(dir, '--baseline', baseline, '--fail-on', 'warning');
    assert.deepEqual(quiet.findings, []);
    assert.equal(quiet.code, 0);
    assert.match(quiet.stderr, new RegExp(`${all.length} findings in the baseline .* not reported, 0 new`));
    // The storefront moves onto the back office's port: a collision nobody accepted.
    const web = path.join(dir, 'apps/web/package.json');
    writeFileSync(web, readFileSync(web, 'utf8').replace('--port 5100', '--port 5107'));
    const fresh = jsonFindings(dir, '--baseline', baseline, '--fail-on', 'warning');
    assert.equal(fresh.code, 1);
    assert.deepEqual(fresh.findings.filter((f) => f.rule === 'collision').map((f) => `${f.file} ${f.port} ${f.services.join(',')}`).sort(), ['apps/admin/vite.config.ts 5107 admin,web', 'apps/web/package.json 5107 web,admin']);
    assert.ok(fresh.findings.every((f) => f.port === 5107), fresh.findings.map((f) => `${f.rule} ${f.file}`).join('\n'));
  });

  it('--format github writes one workflow command per finding, paths from the repository root, escaped', () => {
    const { code, stdout } = runCli('check', EXAMPLES, '--format', 'github', '--fail-on', 'never');
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.length >= 10);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=examples\/monorepo\/[^,]+,line=\d+,col=\d+,(endColumn|endLine)=\d+,title=port-schema [a-z-]+::[^\n]+$/);
    assert.ok(lines.some((l) => /^::warning file=examples\/monorepo\/services\/billing\/main\.go,line=54,col=26,endColumn=30,title=port-schema drift::billing binds 4105/.test(l)));
    assert.equal(escapeData('50% of\r\nports'), '50%25 of%0D%0Aports');
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  });

  it('--output-file writes the report there and nothing on standard output', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'port-schema-out-')), 'reports', 'ports.sarif');
    const res = runCli('check', EXAMPLES, '--format', 'sarif', '--output-file', out, '--fail-on', 'warning');
    assert.equal(res.code, 1, 'the exit code still follows --fail-on');
    assert.equal(res.stdout, '');
    assert.ok(validateSarif(JSON.parse(readFileSync(out, 'utf8'))));
  });

  it('reads the committed config: ports.yaml rules and exclude, a --config file, and --rule over both', () => {
    const dir = copyWorkspace('examples/monorepo');
    const before = jsonFindings(dir, '--fail-on', 'never').findings;
    assert.ok(before.some((f) => f.rule === 'drift') && before.some((f) => f.file.startsWith('workers/')));
    writeFileSync(path.join(dir, 'ports.yaml'), readFileSync(path.join(dir, 'ports.yaml'), 'utf8').replace('rules:\n', 'exclude: [workers/**]\nrules:\n  drift: off\n  colision: error\n'));
    const after = jsonFindings(dir, '--fail-on', 'never').findings;
    assert.deepEqual(after.filter((f) => f.rule === 'drift' || f.file.startsWith('workers/')), []);
    const [typo] = after.filter((f) => f.rule === 'config');
    assert.equal(`${typo.file}:${typo.line}:${typo.column}`, 'ports.yaml:10:3');
    assert.match(typo.message, /did you mean 'collision'/);
    assert.ok(jsonFindings(dir, '--fail-on', 'never', '--rule', 'drift=error').findings.some((f) => f.rule === 'drift' && f.severity === 'error'), '--rule goes over the config');
    writeFileSync(path.join(dir, 'ci.jsonc'), '{ "rules": { "stale-reference": "off" } }\n');
    const configured = jsonFindings(dir, '--fail-on', 'never', '--config', 'ci.jsonc').findings;
    assert.ok(configured.some((f) => f.rule === 'drift'), 'the named config replaces the plan\'s sections');
    assert.deepEqual(configured.filter((f) => f.rule === 'stale-reference'), []);
  });

  it('honours suppression comments, and --report-unused-disables lists the stale ones', () => {
    const dir = copyWorkspace('examples/monorepo');
    insertLinesAbove(path.join(dir, 'services/billing/main.go'), 54, ['\t// port-schema-disable-next-line drift -- moving to 4102 in PR 311']);
    insertLinesAbove(path.join(dir, 'services/notifier/index.js'), 1, ['// port-schema-disable-next-line collision', 'const unrelated = 1;']);
    const quiet = jsonFindings(dir, '--fail-on', 'never').findings;
    assert.deepEqual(quiet.filter((f) => f.file === 'services/billing/main.go'), []);
    assert.deepEqual(quiet.filter((f) => f.rule === 'unused-disable'), []);
    const unused = jsonFindings(dir, '--fail-on', 'never', '--report-unused-disables').findings.filter((f) => f.rule === 'unused-disable');
    assert.deepEqual(unused.map((f) => `${f.file}:${f.line}`), ['services/notifier/index.js:1']);
  });

  // A fresh checkout is where this can fail: a rebuild keeps the mode of a bundle that is already there.
  it('the build leaves the CLI, the package\'s bin, executable, with its reading threads beside it', () => {
    assert.equal(statSync(path.join(REPO_ROOT, 'server/out/cli.js')).mode & 0o111, 0o111, 'executable by everyone');
    assert.ok(existsSync(path.join(REPO_ROOT, 'server/out/extractWorker.js')));
  });

  it('the Action\'s check command writes a SARIF report that validates, and hands on the exit code', () => {
    const action = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { runs: { steps: { id?: string; run?: string }[] } };
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    const work = mkdtempSync(path.join(tmpdir(), 'port-schema-action-'));
    const output = path.join(work, 'github-output');
    const res = spawnSync('bash', ['-e', '-c', step.run!], {
      cwd: work,
      encoding: 'utf8',
      timeout: 120000,
      env: { ...process.env, GITHUB_ACTION_PATH: REPO_ROOT, GITHUB_OUTPUT: output, PORT_SCHEMA_PATH: copyWorkspace('examples/monorepo'), PORT_SCHEMA_SARIF: 'out/port-schema.sarif', PORT_SCHEMA_FAIL_ON: 'warning', PORT_SCHEMA_ARGS: '--rule unassigned=warning' },
    });
    assert.equal(res.status, 0, res.stderr);
    assert.match(readFileSync(output, 'utf8'), /^exit-code=1$/m);
    const log = JSON.parse(readFileSync(path.join(work, 'out/port-schema.sarif'), 'utf8')) as SarifLog;
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3)));
    assert.ok(log.runs[0].results.some((r) => r.ruleId === 'unassigned' && /notifier/.test(r.message.text)));
  });
});

describe('contexts written down in port-schema.config.jsonc (contexts-mana, EXPECTED.md, notes §3)', () => {
  const CONFIG = JSON.stringify({
    contexts: {
      prod: { compose: ['docker-compose.macmini.yml', 'docker-compose.monitoring.yml'], host: 'mac-mini' },
      test: { compose: ['docker-compose.test.yml'], governed: false },
    },
  });
  const site = (f: CliFinding) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.port}`;

  it('gives the same results as the contexts inferred, prod on host mac-mini: no on-its-own ↔ prod warning, the error inside prod stays', () => {
    const dir = copyWorkspace('server/testFixtures/contexts-mana');
    const inferred = jsonFindings(dir, '--fail-on', 'never').findings;
    writeFileSync(path.join(dir, 'port-schema.config.jsonc'), `// where things run\n${CONFIG}\n`);
    const declared = jsonFindings(dir, '--fail-on', 'never').findings;
    assert.deepEqual(declared.map(site).sort(), inferred.map(site).sort());
    const at9093 = declared.filter((f) => f.rule === 'collision' && f.port === 9093);
    assert.deepEqual(at9093.map(site).sort(), ['collision error docker-compose.monitoring.yml:31:10 9093', 'collision error services/alert-notifier/main.go:27:26 9093']);
    assert.ok(at9093.every((f) => /on host mac-mini/.test(f.message)), 'the declared context is the one judged');
    assert.deepEqual(declared.filter((f) => f.rule === 'collision' && f.severity === 'warning' && /mac-mini|macmini|monitoring/.test(`${f.file} ${f.message}`)), []);
    assert.ok(declared.some((f) => f.rule === 'collision' && f.port === 13012 && f.severity === 'error'), 'collisions inside the ungoverned test stack are still checked');
    assert.deepEqual(declared.filter((f) => f.file === 'docker-compose.test.yml' && f.rule !== 'collision' && f.rule !== 'stale-reference'), []);
  });

  it('the config beside the plan (docs/) takes its paths from there; a governed test stack is checked against the plan', () => {
    const dir = copyWorkspace('server/testFixtures/contexts-mana');
    const beside = CONFIG.replace(/"docker-compose\./g, '"../docker-compose.').replace('"governed":false', '"governed":true');
    writeFileSync(path.join(dir, 'docs/port-schema.config.jsonc'), beside);
    const findings = jsonFindings(dir, '--fail-on', 'never').findings;
    assert.deepEqual(findings.filter((f) => f.rule === 'config'), []);
    assert.ok(findings.some((f) => f.rule === 'drift' && f.file === 'docker-compose.test.yml'), 'governed: true puts the test stack under the plan');
    assert.ok(findings.filter((f) => f.rule === 'collision' && f.port === 9093).every((f) => /on host mac-mini/.test(f.message)));
  });
});
