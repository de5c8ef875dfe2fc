// The language server measured as an editor uses it: spawned over stdio by a real LSP client,
// time to its first full check, its memory, a keystroke's way to the typed file's diagnostics,
// hovers, and a storm of edits, pastes and churn.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fail, msSince, stats } from './stats.mjs';

const KEYSTROKES = 200;
const HOVERS = 500;
const KEYSTROKE_FILES = 20;
const STORM_OPS = 2000;
/** Of the storm's operations: 1 % paste 1 MB of one port (taken out by the next operation), 14 % close and reopen a file, the rest keystrokes. */
const PASTE_SHARE = 0.01;
const CHURN_SHARE = 0.15;
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|go|py)$/;
/** Files where a line comment can be appended (not JSON, not Markdown). */
const COMMENTABLE = /(?:\.(?:[cm]?[jt]sx?|go|py|ya?ml|sh|toml|conf)|Dockerfile|\.env[\w.-]*)$/;
/**
 * The probe a keystroke toggles: a suppression naming no rule is always a finding of the typed file
 * (whatever the plan says), so every keystroke changes that file's diagnostics and is observable.
 */
const PROBE_RULE = 'bench-probe';

export function loadClient(buildDir) {
  const require = createRequire(join(buildDir, 'bench.cjs'));
  return require('./test/helpers/lspClient.js');
}

/** Sites from a `map --format json` report: where ports are bound and referenced, with their line's text. */
export function sitesFromMap(dir, mapJson) {
  const map = JSON.parse(mapJson);
  const raw = [...map.services.flatMap((s) => s.bound.map((b) => ({ ...b, bind: true }))), ...map.references];
  const texts = new Map();
  const sites = [];
  for (const s of raw) {
    if (!texts.has(s.file)) texts.set(s.file, readFileSync(join(dir, s.file), 'utf8').split('\n'));
    const line = texts.get(s.file)[s.line - 1] ?? '';
    const character = line.indexOf(String(s.port));
    if (character >= 0) sites.push({ file: s.file, line: s.line - 1, character, port: s.port, bind: Boolean(s.bind) });
  }
  return sites;
}

/**
 * Starts the server on `dir` with an empty storage folder, waits for its first check, measures,
 * and stops it; then starts it again on the same storage (the facts cache the first session left)
 * and times its first check: a cold and a warm start, as an editor opening the folder again.
 */
export async function measureServer({ LspTestClient }, dir, sites) {
  const storagePath = mkdtempSync(join(tmpdir(), 'port-schema-bench-storage-'));
  try {
    const cold = await startServer(LspTestClient, dir, storagePath);
    let measured;
    try {
      const keystroke = await keystrokes(cold.client, dir, sites);
      const hover = await hovers(cold.client, dir, sites);
      measured = { readyMs: cold.readyMs, rssMb: cold.rssMb, keystroke, hover, rssAfterMb: rssOf(cold.client.process.pid) };
    } finally {
      await cold.client.stop();
    }
    const warm = await startServer(LspTestClient, dir, storagePath);
    await warm.client.stop();
    return { ...measured, warmReadyMs: warm.readyMs, warmRssMb: warm.rssMb };
  } finally {
    rmSync(storagePath, { recursive: true, force: true });
  }
}

async function startServer(LspTestClient, dir, storagePath) {
  const start = process.hrtime.bigint();
  const client = await LspTestClient.start({ folders: [dir], storagePath });
  try {
    await waitForReady(client);
  } catch (error) {
    await client.stop();
    throw error;
  }
  return { client, readyMs: msSince(start), rssMb: rssOf(client.process.pid) };
}

/**
 * Each keystroke flips one port literal to a neighbour of the same length and toggles a probe
 * comment at the end of the file; timed from `didChange` to that file's next publish.
 */
async function keystrokes(client, dir, sites) {
  const chosen = keystrokeSites(sites);
  if (!chosen.length) return undefined;
  const docs = [];
  for (const site of chosen) docs.push({ site, doc: await client.open(dir, site.file), original: readFileSync(join(dir, site.file), 'utf8') });
  const times = [];
  // Files published between one keystroke and the next: the typed one, and those whose diagnostics it changed.
  const starts = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    starts.push(client.published.length);
    const { site, doc, original } = docs[i % docs.length];
    const probing = Math.floor(i / docs.length) % 2 === 0;
    const current = client.document(doc.uri);
    // One change from the port literal to the end of the file: one didChange, as one keystroke sends.
    const from = { line: site.line, character: site.character };
    const tail = original.slice(offsetIn(original, from) + String(site.port).length);
    const text = (probing ? String(neighbour(site.port)) : String(site.port)) + tail + (probing ? `\n${commentFor(site.file)} port-schema-disable-line ${PROBE_RULE}\n` : '');
    const published = client.diagnosticsFor(doc.uri);
    const seen = () => client.diagnosticsFor(doc.uri) !== published && client.diagnosticsFor(doc.uri).some((d) => d.message.includes(PROBE_RULE)) === probing;
    const started = process.hrtime.bigint();
    await client.edit(doc.uri, { start: from, end: current.positionAt(current.getText().length) }, text);
    await client.waitFor(`the diagnostics of ${site.file} after keystroke ${i}`, () => (seen() ? true : undefined), 120_000);
    times.push(msSince(started));
  }
  const republished = starts.slice(1).map((at, i) => at - starts[i]);
  return { files: docs.length, ms: stats(times), republished: stats(republished) };
}

/** The offset of a line/character position in a text. */
function offsetIn(text, { line, character }) {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

/** Bind sites in source files first (where people type ports), one per file, others after. */
function keystrokeSites(sites) {
  const byFile = new Map();
  const ranked = [...sites].sort((a, b) => rank(a) - rank(b));
  for (const s of ranked) {
    if (byFile.has(s.file) || !COMMENTABLE.test(s.file) || String(neighbour(s.port)).length !== String(s.port).length) continue;
    byFile.set(s.file, s);
  }
  return [...byFile.values()].slice(0, KEYSTROKE_FILES);
}

function rank(site) {
  return (site.bind ? 0 : 2) + (SOURCE_FILE.test(site.file) ? 0 : 1);
}

function neighbour(port) {
  return port + 7 <= 65535 ? port + 7 : port - 7;
}

function commentFor(file) {
  return /\.(?:[cm]?[jt]sx?|go|java|kt|rs|cs|c|cc|cpp|swift|scala|jsonc)$/.test(file) ? '//' : '#';
}

/** Hovers over port sites spread over the workspace (a golden-ratio walk: even, and repeatable), in open files. */
async function hovers(client, dir, sites) {
  if (!sites.length) return undefined;
  const files = new Set();
  const picked = [];
  for (let i = 0; picked.length < HOVERS && i < HOVERS * 4; i++) {
    const site = sites[Math.floor(((i * 0.6180339887498949) % 1) * sites.length)];
    if (!files.has(site.file) && files.size >= 50) continue;
    files.add(site.file);
    picked.push(site);
  }
  for (const file of files) if (!openUri(client, dir, file)) await client.open(dir, file);
  const times = [];
  let answered = 0;
  for (const site of picked) {
    const started = process.hrtime.bigint();
    const hover = await client.hover(client.uri(dir, site.file), { line: site.line, character: site.character });
    times.push(msSince(started));
    if (hover) answered++;
  }
  return { count: picked.length, answered, ms: stats(times) };
}

function openUri(client, dir, file) {
  try {
    return client.document(client.uri(dir, file));
  } catch {
    return undefined;
  }
}

/**
 * A storm on a small workspace: keystrokes, 1 MB pastes (taken out again by the next operation)
 * and churn (closing and reopening), each followed by a hover whose round trip is the operation's
 * latency: what a user waits for while the server is busy.
 */
export async function storm({ LspTestClient }, dir, sites) {
  const files = [...new Set(sites.filter((s) => SOURCE_FILE.test(s.file)).map((s) => s.file))].slice(0, 10);
  if (!files.length) fail(`the storm needs source files with ports in ${dir}`);
  const client = await LspTestClient.start({ folders: [dir] });
  try {
    await waitForReady(client);
    for (const file of files) await client.open(dir, file);
    const paste = 'const port = 3000;\n'.repeat(Math.ceil(2 ** 20 / 19));
    let pasted;
    const times = [];
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let op = 0; op < STORM_OPS; op++) {
      const file = pasted ?? files[Math.floor(next() * files.length)];
      const uri = client.uri(dir, file);
      const roll = next();
      if (pasted) {
        await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: paste.split('\n').length - 1, character: 0 } }, '');
        pasted = undefined;
      } else if (roll < PASTE_SHARE) {
        await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, paste);
        pasted = file;
      } else if (roll < CHURN_SHARE) {
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await client.open(dir, file);
      } else {
        const doc = client.document(uri);
        const line = Math.floor(next() * doc.lineCount);
        await client.edit(uri, { start: { line, character: 0 }, end: { line, character: 0 } }, ' ');
      }
      const started = process.hrtime.bigint();
      await client.hover(uri, { line: 0, character: 0 });
      times.push(msSince(started));
    }
    return { ops: STORM_OPS, ms: stats(times), rssMb: rssOf(client.process.pid) };
  } finally {
    await client.stop();
  }
}

/** The first status notification: the server's first full check is published. Big trees take long before they are fast. */
function waitForReady(client) {
  return client.waitFor('the first status notification', () => client.notifications.find((n) => n.method === 'portSchema/status'), 600_000);
}

/** Resident memory of a live process in MB (Linux `/proc`); undefined elsewhere. */
function rssOf(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

