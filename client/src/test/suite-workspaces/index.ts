// extensionTestsPath of the multi-root launch: a .code-workspace with a copy of examples/monorepo
// (plan: ports.yaml) and one of server/testFixtures/portos-like (plan: docs/PORTS.md).
import { runSuiteFolder } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname);
}
