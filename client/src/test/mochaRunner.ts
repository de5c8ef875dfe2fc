// Runs one folder of in-VS Code suites (every *.test.js in it) with Mocha inside the extension host.
// Each suite group's index.ts is the extensionTestsPath of one launch and calls this.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { assertWorkspaceUnchanged, revertAllEditors, snapshotWorkspace } from './suite/helpers';

/** Marks the report's lines: in code-server they reach the runner only through the browser console. */
export const REPORT_PREFIX = '[port-schema tests] ';

export async function runSuiteFolder(folder: string): Promise<void> {
  // Mocha hands console.log a format string plus arguments; the browser console would show them unformatted.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(REPORT_PREFIX + format(...args));
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(folder, file));
  }
  const before = await snapshotWorkspace();
  let failures: number;
  try {
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
  } finally {
    await revertAllEditors();
  }
  await assertWorkspaceUnchanged(before);
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed.`);
}
