import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextFreePorts, resolveWindow, type PortWindow } from '../../engine/allocate/nextFree';
import { usedPorts } from '../../engine/allocate/usedPorts';
import { engineFor } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/extract';

/**
 * Web 4996-5010: 4996 planned, 4997 bound by code, 4998-4999 reserved, 5000 well known,
 * 5001 avoided by the plan, 5002-5003 free, 5004 referenced by a URL, 5005-5010 free.
 */
const FILES = {
  'ports.yaml': joinLines(
    'version: 1',
    'rules:',
    '  avoid: [5001]',
    'ranges:',
    '  - { name: Web, ports: 4996-5010, reserved: [4998-4999] }',
    '  - { name: Full, ports: 6000-6001 }',
    'services:',
    '  shop-web:',
    '    port: 4996',
    '  docs-web:',
    '    port: 6000',
    '  blog-web:',
    '    port: 6001',
    '',
  ),
  'apps/admin/package.json': '{ "name": "admin" }\n',
  'apps/admin/vite.config.ts': "export default { server: { port: 4997 } };\n",
  'apps/shop/.env': 'ADMIN_API_URL=http://localhost:5004\nCACHE_TTL=5002\n',
};

async function setup() {
  const engine = await engineFor(FILES);
  const topology = engine.topology();
  const window = (spec: string) => {
    const w = resolveWindow(topology.plan, spec);
    if (typeof w === 'string') throw new Error(w);
    return w;
  };
  return { plan: topology.plan, used: usedPorts(topology), window };
}

describe('next free port', () => {
  it('skips planned, used, reserved, well-known and rules.avoid ports', async () => {
    const { plan, used, window } = await setup();
    assert.ok(used.has(4997) && used.has(5004), 'bindings and references count as used');
    assert.ok(!used.has(5002), 'a non-port number (CACHE_TTL) does not');
    assert.deepEqual(nextFreePorts(window('Web'), plan, used), [5002]);
  });

  it('count gives a contiguous block, skipping runs a taken port breaks', async () => {
    const { plan, used, window } = await setup();
    assert.deepEqual(nextFreePorts(window('web'), plan, used, 2), [5002, 5003]);
    assert.deepEqual(nextFreePorts(window('Web'), plan, used, 3), [5005, 5006, 5007]);
    assert.deepEqual(nextFreePorts(window('Web'), plan, used, 7), []);
  });

  it('a full range gives nothing; a hand-written START-END window works without a plan range', async () => {
    const { plan, used, window } = await setup();
    assert.deepEqual(nextFreePorts(window('Full'), plan, used), []);
    assert.deepEqual(nextFreePorts(window('4996-5010'), plan, used), [5002], 'START-END of a plan range is that range');
    const handWritten = window('7999-8002');
    assert.deepEqual(handWritten, { name: '7999-8002', start: 7999, end: 8002, reserved: [] } satisfies PortWindow);
    assert.deepEqual(nextFreePorts(handWritten, plan, used, 2), [8001, 8002], '8000 is well known');
    assert.deepEqual(nextFreePorts(window('1020-1026'), undefined, new Set(), 1), [1024], 'ports below 1024 are privileged');
  });

  it('an unknown range name is an error that lists the known ranges', async () => {
    const { plan } = await setup();
    assert.equal(resolveWindow(plan, 'Frontends'), "No range 'Frontends' in the plan. Known ranges: 'Web', 'Full'. Or give START-END.");
    assert.equal(resolveWindow(undefined, 'Web'), "No range 'Web' in the plan. Or give START-END.");
    assert.equal(resolveWindow(plan, '5010-5000'), "'5010-5000' is not a valid port range (1-65535, start ≤ end).");
  });
});
