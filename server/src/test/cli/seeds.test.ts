import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkFindings, runCli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/lspClient';

/**
 * The built CLI on the two seed fixtures, against what a careful reader expects (each fixture's
 * EXPECTED.md). Lines are `rule severity file:line:column port services`, 1-based.
 */

const MANA = path.join(REPO_ROOT, 'server/testFixtures/mana-like');
const PORTOS = path.join(REPO_ROOT, 'server/testFixtures/portos-like');

interface MapJson {
  services: { name: string; planned: { port: number; label?: string }[]; bound: { port: number; file: string; line: number; kind: string }[] }[];
  ranges: { name: string; start: number; end: number; used: number; free: number }[];
}

function portMap(dir: string): MapJson {
  const { code, stdout, stderr } = runCli('map', dir, '--format', 'json');
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as MapJson;
}

/** Ports a service opens on a machine (container-only ports left out), sorted and unique. */
function hostPorts(map: MapJson, name: string): number[] {
  const service = map.services.find((s) => s.name === name);
  assert.ok(service, `${name} is not in the map`);
  return [...new Set(service.bound.filter((b) => b.kind !== 'expose').map((b) => b.port))].sort((a, b) => a - b);
}

/** postgres and redis under the "9000-9199" heading: a quirk of the seed the reader accepts at info at most. */
const isInfraHeadingQuirk = (line: string) => /^[\w-]+ \w+ docs\/PORT_SCHEMA\.md:(83|84):3 /.test(line);

/** Findings a reader accepts whether they are reported or not. */
const MANA_OPTIONAL = ['unplanned-range info docs/PORT_SCHEMA.md:93:3 8080 searxng'];

describe('CLI on the mana-like fixture', () => {
  const mana = checkFindings(MANA);

  it('reads the Markdown plan', () => {
    assert.deepEqual(mana.schemaFiles, ['docs/PORT_SCHEMA.md']);
  });

  it('reports the two collisions, every drift, the stale references and the plan notes; nothing else', () => {
    assert.deepEqual(mana.lines.filter((l) => !isInfraHeadingQuirk(l) && !MANA_OPTIONAL.includes(l)), [
      // MANA_LLM_URL at 3020 is broken now (mana-llm listens on 3025). References that follow today's
      // listeners (MANA_CREDITS_URL at 3061, the MANA_LLM_URL defaults at 3025) are right: the drift is on the bindings.
      'stale-reference warning .env.development:4:31 3020 mana-llm',
      // mana-sync listens on 3050 on its own (its Go default) and in Compose (the publish): both sites say so.
      'collision warning docker-compose.macmini.yml:45:10 3050 mana-sync,mana-voice-bot',
      'drift warning docker-compose.macmini.yml:45:10 3050 mana-sync',
      'out-of-range warning docker-compose.macmini.yml:45:10 3050 mana-sync',
      'well-known info docs/PORT_SCHEMA.md:73:3 5000 mana-web',
      'pairing hint docs/PORT_SCHEMA.md:74:3 5010 chat-web',
      'pairing hint docs/PORT_SCHEMA.md:75:3 5011 todo-web',
      'well-known info docs/PORT_SCHEMA.md:93:3 8080 searxng',
      'drift warning services/mana-credits/cmd/server/main.go:25:26 3061 mana-credits',
      'out-of-range warning services/mana-credits/cmd/server/main.go:25:26 3061 mana-credits',
      'collision warning services/mana-image-gen/app/main.py:35:35 3026 mana-image-gen,mana-video-gen',
      'drift warning services/mana-image-gen/app/main.py:35:35 3026 mana-image-gen',
      'drift warning services/mana-llm/app/main.py:29:66 3025 mana-llm',
      'drift warning services/mana-llm/start.sh:6:22 3025 mana-llm',
      'drift warning services/mana-media/src/main.ts:8:40 3015 mana-media',
      'drift warning services/mana-stt/start.sh:5:49 3020 mana-stt',
      'collision warning services/mana-sync/main.go:21:26 3050 mana-sync,mana-voice-bot',
      'drift warning services/mana-sync/main.go:21:26 3050 mana-sync',
      'out-of-range warning services/mana-sync/main.go:21:26 3050 mana-sync',
      'drift warning services/mana-user/cmd/server/main.go:18:26 3062 mana-user',
      'out-of-range warning services/mana-user/cmd/server/main.go:18:26 3062 mana-user',
      'collision warning services/mana-video-gen/app/main.py:35:35 3026 mana-video-gen,mana-image-gen',
      'unassigned info services/mana-video-gen/app/main.py:35:35 3026 mana-video-gen',
      'collision warning services/mana-voice-bot/app/main.py:30:66 3050 mana-voice-bot,mana-sync',
      'drift warning services/mana-voice-bot/app/main.py:30:66 3050 mana-voice-bot',
      'out-of-range warning services/mana-voice-bot/app/main.py:30:66 3050 mana-voice-bot',
    ]);
  });

  it('collisions are warnings, not errors: the plan names no hosts', () => {
    const collisions = mana.findings.filter((f) => f.rule === 'collision');
    // Both sites of mana-sync's listener (its Go default and the Compose line that publishes it) say so.
    assert.equal(collisions.length, 5);
    assert.ok(collisions.every((f) => f.severity === 'warning' && /where the host is unknown/.test(f.message)));
  });

  it('no finding on precision traps: Ollama on 11434, TTLs, timeouts, sizes, image tags, CLAUDE.md, the plan\'s warning block', () => {
    const quiet = ['services/mana-auth/src/index.ts', 'services/mana-credits/CLAUDE.md', 'apps/chat/apps/web/vite.config.ts', 'apps/chat/apps/web/src/routes/+page.ts', 'services/mana-stt/app/main.py'];
    assert.deepEqual(mana.findings.filter((f) => quiet.includes(f.file) || f.port === 11434).map((f) => `${f.rule} ${f.file}:${f.line}`), []);
    assert.ok(!mana.findings.some((f) => f.file === 'docs/PORT_SCHEMA.md' && f.line < 24), 'the ASPIRATIONAL block is prose');
    assert.ok(!mana.findings.some((f) => [3600, 1024, 720, 16000, 120, 600, 250, 40, 20].includes(f.port)));
  });

  it('postgres and redis listed under the 9000-9199 heading: at most an info on the plan rows', () => {
    const quirk = mana.lines.filter(isInfraHeadingQuirk);
    assert.deepEqual(quirk.filter((l) => / (error|warning) /.test(l)), []);
  });

  it('map: plan and reality side by side, owners named as the plan names them', () => {
    const map = portMap(MANA);
    const row = (name: string) => [map.services.find((s) => s.name === name)?.planned.map((p) => p.port), hostPorts(map, name)];
    assert.deepEqual(row('mana-auth'), [[3001], [3001]]);
    assert.deepEqual(row('mana-sync'), [[3010], [3050]]);
    assert.deepEqual(row('mana-llm'), [[3020], [3025]]);
    assert.deepEqual(row('mana-stt'), [[3021], [3020]]);
    assert.deepEqual(row('mana-video-gen'), [[], [3026]]);
    assert.deepEqual(row('chat-server'), [[3030], [3030]]);
    assert.deepEqual(row('chat-web'), [[5010], [5010]]);
    assert.deepEqual(row('minio'), [[9000, 9001], [9000, 9001]]);
    assert.deepEqual(hostPorts(map, 'searxng'), [], 'searxng is only exposed inside Compose');
    assert.ok(!map.services.some((s) => ['app', '@chat/server', '@chat/web', 'cmd', 'server'].includes(s.name)), map.services.map((s) => s.name).join(', '));
    assert.deepEqual(
      map.ranges.map((r) => `${r.name} ${r.start}-${r.end}`),
      ['Core Platform Services 3000-3009', 'Core Infrastructure Services 3010-3019', 'AI/ML Services 3020-3029', 'App Compute Servers 3030-3059', 'Web Frontends (SvelteKit) 5000-5059', 'Infrastructure & Exporters 9000-9199'],
    );
  });
});

describe('CLI on the portos-like fixture', () => {
  const portos = checkFindings(PORTOS);
  /** What a careful reader requires (EXPECTED.md), plus out-of-range: 5565 is outside portos-autofixer-ui's range 5554-5560. */
  const REQUIRED = [
    'contiguous info docs/PORTS.md:36:3 5564 portos-scraper',
    'drift warning ecosystem.config.cjs:78:15 5565 portos-autofixer-ui',
    'out-of-range warning ecosystem.config.cjs:78:15 5565 portos-autofixer-ui',
  ];
  /** Accepted either way: the seed's own 5553/5555 split, and 5554-5560 being fully planned (true). */
  const OPTIONAL = ['contiguous info docs/PORTS.md:26:3 5553 portos-server', 'contiguous info docs/PORTS.md:28:3 5555 portos-server', 'range-full info docs/PORTS.md:74:1 0 '];
  const UNPLANNED_5553 = 'unplanned-range info docs/PORTS.md:26:3 5553 portos-server';

  it('reads docs/PORTS.md as the plan', () => {
    assert.deepEqual(portos.schemaFiles, ['docs/PORTS.md']);
  });

  it('reports the hard-coded drift and the scraper gap; nothing but accepted plan notes besides', () => {
    assert.deepEqual(portos.lines.filter((l) => REQUIRED.includes(l)), REQUIRED);
    assert.deepEqual(portos.lines.filter((l) => !REQUIRED.includes(l) && !OPTIONAL.includes(l) && l !== UNPLANNED_5553), []);
    const drift = portos.findings.find((f) => f.rule === 'drift')!;
    assert.match(drift.message, /portos-autofixer-ui binds 5565; the plan assigns 5560 \(docs\/PORTS\.md:33\)/);
  });

  it('5553 lies before the first range: an unplanned-range info on its plan row', () => {
    assert.ok(portos.lines.includes(UNPLANNED_5553), portos.lines.join('\n'));
  });

  it('no finding on precision traps: restart_delay, kill_timeout, POSTGRES_NATIVE 5432, server/lib/ports.js, the javascript example block', () => {
    assert.ok(!portos.findings.some((f) => [5000, 30000, 5432, 10000, 1500, 200, 404, 5570, 5571, 5572].includes(f.port)), portos.lines.join('\n'));
    assert.ok(!portos.findings.some((f) => f.file === 'server/lib/ports.js'), portos.lines.join('\n'));
  });

  it('map: the PM2 apps bind their planned ports through PORTS.*', () => {
    const map = portMap(PORTOS);
    assert.deepEqual(hostPorts(map, 'portos-browser'), [5556, 5557]);
    assert.deepEqual(hostPorts(map, 'portos-autofixer-ui'), [5565]);
    assert.deepEqual(hostPorts(map, 'portos-ui'), [5554]);
    assert.deepEqual(map.services.find((s) => s.name === 'portos-server')?.planned, [{ port: 5553, label: 'api-local' }, { port: 5555, label: 'api' }]);
  });

  it('map: server/index.js and client/vite.config.js are the PM2 apps portos-server and portos-ui, not a service "portos"', () => {
    const map = portMap(PORTOS);
    assert.ok(!map.services.some((s) => s.name === 'portos'), map.services.map((s) => s.name).join(', '));
    const sites = (name: string) => map.services.find((s) => s.name === name)?.bound.map((b) => `${b.file}:${b.line}`) ?? [];
    assert.ok(sites('portos-server').includes('server/index.js:7'), sites('portos-server').join(', '));
    assert.ok(sites('portos-ui').includes('client/vite.config.js:8'), sites('portos-ui').join(', '));
  });

  it('map: WS_PORT and PORTOS_HTTP_PORT are binds of the scraper and the server', () => {
    const map = portMap(PORTOS);
    assert.deepEqual(hostPorts(map, 'portos-scraper'), [5562, 5564]);
    assert.deepEqual(hostPorts(map, 'portos-server'), [5553, 5555]);
  });
});
