import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PortMap } from '../../engine/api';

/** `port-schema map` per run context, on the mana-like fixture whose EXPECTED.md spells out each column. */

const root = join(__dirname, '..', '..', '..');
const mana = join(root, 'testFixtures', 'contexts-mana');
const map = (format: 'json' | 'text') => execFileSync(process.execPath, [join(root, 'out', 'cli.js'), 'map', mana, '--format', format], { encoding: 'utf8' });

describe('map per run context (contexts-mana)', () => {
  const json = JSON.parse(map('json')) as PortMap;
  const contextOf = (id: string) => json.contexts.find((c) => c.id === id)!;
  const portsIn = (service: string, label: string) => {
    const id = json.contexts.find((c) => c.label === label)?.id;
    return [...new Set(json.services.find((s) => s.name === service)?.bound.filter((b) => b.context === id && b.kind !== 'expose').map((b) => b.port))].sort();
  };

  it('lists the seven contexts, each Compose project with its first file', () => {
    assert.deepEqual(json.contexts.map((c) => c.label).sort(), ['apps/playground:compose', 'build', 'compose+override', 'macmini+monitoring', 'own', 'services/mana-media:compose+imgproxy', 'test']);
    const prod = json.contexts.find((c) => c.label === 'macmini+monitoring')!;
    assert.deepEqual([prod.kind, prod.file, prod.files], ['compose', 'docker-compose.macmini.yml', ['docker-compose.macmini.yml', 'docker-compose.monitoring.yml']]);
    assert.equal(json.contexts.find((c) => c.label === 'test')!.governed, false);
    assert.equal(contextOf('own').kind, 'own');
  });

  it('gives each service the port it really uses in each context', () => {
    assert.deepEqual(portsIn('mana-sync', 'own'), [3050]);
    assert.deepEqual(portsIn('mana-sync', 'macmini+monitoring'), [3010]);
    assert.deepEqual(portsIn('mana-sync', 'test'), [13010]);
    assert.deepEqual(portsIn('alert-notifier', 'macmini+monitoring'), [9093], 'network_mode: host: its default is the machine port');
    assert.deepEqual(portsIn('minio', 'compose+override'), [9000, 9001]);
    assert.deepEqual(portsIn('minio (mana-media)', 'services/mana-media:compose+imgproxy'), [9310, 9311], 'the private sidecar is its own row');
    const cadvisor = json.services.find((s) => s.name === 'cadvisor')!.bound.find((b) => b.kind === 'publish')!;
    assert.deepEqual([cadvisor.port, cadvisor.containerPort], [8020, 8080]);
  });

  it('says what is planned and not bound, bound and not planned, and which references reach nothing', () => {
    assert.deepEqual(json.plannedNotBound.map((p) => p.service), ['mana-credits', 'mana-subscriptions', 'mana-user', 'mana-landing-builder', 'mana-stt', 'mana-tts', 'chat-server', 'todo-server', 'mana-web', 'chat-web', 'todo-web', 'calendar-web']);
    const own = contextOf('own').id;
    assert.ok(json.boundNotPlanned.some((b) => b.service === 'mana-webhooks' && b.port === 3040 && b.context === own));
    assert.ok(!json.boundNotPlanned.some((b) => b.service === 'mana-sync'), 'a planned service that binds another port is drift, not unplanned');
    const stale = json.references.filter((r) => r.stale).map((r) => `${r.file}:${r.line} ${r.port}→${r.stale!.listeningPort}`);
    assert.deepEqual(stale.sort(), [
      '.env.development:22 3011→3015',
      '.env.development:24 3027→3026',
      'apps/playground/docker-compose.yml:17 8030→8000',
      'docker-compose.macmini.yml:88 3021→3012',
      'docker-compose.test.yml:80 13010→3010',
      'docker/prometheus/prometheus.yml:19 3040→3013',
    ]);
    assert.ok(!json.references.some((r) => r.key === 'CORS_ORIGINS'), 'allow-lists are no references');
  });

  it('prints a row per service and context, marking ports off the plan where the plan governs', () => {
    const text = map('text');
    assert.match(text, /^mana-sync +3010 +own +3050\* +services\/mana-sync\/main\.go:21$/m);
    assert.match(text, /^ +test +13010→3010 +docker-compose\.test\.yml:43/m, 'no * in the ungoverned test stack');
    assert.match(text, /^Planned, not bound: mana-credits 3002, /m);
    assert.match(text, /^ +3011 +✗ +\.env\.development:22 \(mana-media listens on 3015\)$/m);
  });
});
