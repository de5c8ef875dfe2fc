// extensionTestsPath of the no-plan launch: a copy of examples/monorepo without its ports.yaml. The e2e
// harness (scripts/e2e/run.mjs) plays the user who accepts the offer to create a plan.
import { runSuiteFolder } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuiteFolder(__dirname);
}
