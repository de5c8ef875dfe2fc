import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** `lines` lines of `const port = N;`, the shape that generated files and copied logs repeat thousands of times. */
export function repeatedBinds(port: number, lines: number): string {
  return `const port = ${port};\n`.repeat(lines);
}

/**
 * Two services that each write one port at `sitesEach` sites: `services/alpha/server.js` and
 * `services/beta/server.js`, as a temporary workspace on disk. Returns its folder.
 */
export function twoServicesOnOnePort(port: number, sitesEach: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'port-schema-scale-'));
  for (const name of ['alpha', 'beta']) {
    mkdirSync(path.join(dir, 'services', name), { recursive: true });
    writeFileSync(path.join(dir, 'services', name, 'package.json'), JSON.stringify({ name }) + '\n');
    writeFileSync(path.join(dir, 'services', name, 'server.js'), repeatedBinds(port, sitesEach));
  }
  return dir;
}
