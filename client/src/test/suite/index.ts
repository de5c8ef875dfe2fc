// Entry point VS Code loads as extensionTestsPath (test-electron and code-server alike): runs every
// *.test.js next to this file, inside the extension host, against examples/monorepo.
import { runSuiteFolder } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname);
}
