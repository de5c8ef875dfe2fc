// Runner 1: the suites in a downloaded VS Code (Electron) through @vscode/test-electron, on machines
// that can reach VS Code's downloads. Here, `npm run test:e2e` runs the same suites in code-server.
// Usage: npm run test:vscode   (VSCODE_VERSION=1.82.0 picks the oldest supported VS Code)
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [path.join(root, 'examples', 'monorepo'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (err) {
    console.error(`VS Code extension tests failed: ${err instanceof Error ? err.message : String(err)}`);
    console.error('(@vscode/test-electron downloads VS Code; where that is blocked, `npm run test:e2e` runs the same suites in code-server.)');
    process.exit(1);
  }
}

void main();
