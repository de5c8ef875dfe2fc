// The `port-schema` command: loads the CLI bundle (`cliMain.js` beside it) with V8's code cache
// for it when one was made for exactly that bundle by this Node. Compiling the 1 MB bundle is a
// tenth of a warm run on a 5k-file tree; with the cache its functions arrive compiled.
//
// The cache is made by the build (`node esbuild.mjs cli` runs the CLI once on the bundled example
// with PORT_SCHEMA_WRITE_CODE_CACHE=1); it is never written at run time, so an installed package's
// folder is only read. A cache that is missing, made for another bundle (its first line is the
// bundle's SHA-256) or refused by V8 (another Node) is not used: the bundle is compiled as usual.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = join(__dirname, 'cliMain.js');
const CODE_CACHE = `${BUNDLE}.codecache`;

/** The cache's first line names the bundle it was made from; the rest is V8's data. */
function cachedDataFor(digest: string): Buffer | undefined {
  try {
    const file = readFileSync(CODE_CACHE);
    const newline = file.indexOf(10);
    return newline > 0 && file.toString('latin1', 0, newline) === digest ? file.subarray(newline + 1) : undefined;
  } catch {
    return undefined;
  }
}

function run(): void {
  const source = readFileSync(BUNDLE, 'utf8');
  const digest = createHash('sha256').update(source).digest('hex');
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData: cachedDataFor(digest) });
  if (process.env.PORT_SCHEMA_WRITE_CODE_CACHE === '1') {
    // Made on exit, so that the functions the run compiled are in it too.
    process.on('exit', () => writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(`${digest}\n`, 'latin1'), script.createCachedData()])));
  }
  const module = new Module(BUNDLE, undefined);
  module.filename = BUNDLE;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
}

run();
