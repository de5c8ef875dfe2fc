import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './lspClient';

export const CLI_JS = path.join(REPO_ROOT, 'server/out/cli.js');

/** Runs the bundled CLI as a user would. */
export function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [CLI_JS, ...args], { encoding: 'utf8', timeout: 60000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** A finding of `check --format json`. */
export interface CliFinding {
  readonly rule: string;
  readonly severity: string;
  readonly port: number;
  readonly services: string[];
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Every finding of `check <dir>`, hints included, as `rule severity file:line:column port services`. */
export function checkFindings(dir: string): { schemaFiles: string[]; findings: CliFinding[]; lines: string[] } {
  const { code, stdout, stderr } = runCli('check', dir, '--format', 'json', '--fail-on', 'never', '--min-severity', 'hint');
  if (code !== 0) throw new Error(`check ${dir} exited ${code}: ${stderr}`);
  const out = JSON.parse(stdout) as { schemaFiles: string[]; findings: CliFinding[] };
  return { ...out, lines: out.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.port} ${f.services.join(',')}`) };
}
