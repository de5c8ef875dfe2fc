import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LiveListener } from '../../engine/api';
import { dockerProxyTarget, LiveWatch, parseLsof, parseProcNetTcp, ProcListenerSource, type ListenerSource } from '../../node/liveListeners';

/** Recorded from a Debian machine: an IPv4 listener on 127.0.0.1:8080, an established connection, one on every interface. */
const PROC_NET_TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41234 1 0000000000000000 100 0 0 10 0',
  '   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 41240 1 0000000000000000 20 4 30 10 -1',
  '   2: 00000000:1005 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1134 1 0000000000000000 100 0 0 10 0',
  '',
].join('\n');

/** `::` on 4101 and `::1` on 5432, as /proc/net/tcp6 writes them. */
const PROC_NET_TCP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000000000000000000000000000:1005 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 52001 1 0000000000000000 100 0 0 10 0',
  '   1: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 52002 1 0000000000000000 100 0 0 10 0',
  '',
].join('\n');

/** Recorded from macOS 14 (`lsof -iTCP -sTCP:LISTEN -P -n`): node twice on one port (IPv4 and IPv6), a Docker backend, a name with a space. */
const LSOF = [
  'COMMAND     PID   USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME',
  'node        812 sophie   23u  IPv4 0x5f1c7a3c0d2e11a1      0t0  TCP 127.0.0.1:4101 (LISTEN)',
  'node        812 sophie   24u  IPv6 0x5f1c7a3c0d2e11b9      0t0  TCP [::1]:4101 (LISTEN)',
  'com.docke  1290 sophie  142u  IPv6 0x5f1c7a3c0d2e1cc1      0t0  TCP *:5432 (LISTEN)',
  'Code\\x20He  3301 sophie   51u  IPv4 0x5f1c7a3c0d2e1dd9      0t0  TCP 127.0.0.1:52814 (LISTEN)',
  '',
].join('\n');

describe('live listeners: /proc/net/tcp and lsof read without a dependency', () => {
  it('reads the listening sockets of /proc/net/tcp and tcp6, nothing else', () => {
    assert.deepEqual(parseProcNetTcp(PROC_NET_TCP), [
      { port: 8080, address: '127.0.0.1', inode: '41234' },
      { port: 4101, address: '0.0.0.0', inode: '1134' },
    ]);
    assert.deepEqual(parseProcNetTcp(PROC_NET_TCP6), [
      { port: 4101, address: '::', inode: '52001' },
      { port: 5432, address: '::1', inode: '52002' },
    ]);
    assert.deepEqual(parseProcNetTcp(''), []);
    assert.deepEqual(parseProcNetTcp('garbage\nnot a table at all\n'), []);
  });

  it('says what a docker-proxy forwards to', () => {
    const cmdline = ['/usr/bin/docker-proxy', '-proto', 'tcp', '-host-ip', '0.0.0.0', '-host-port', '4100', '-container-ip', '172.18.0.3', '-container-port', '8080', ''].join('\0');
    assert.equal(dockerProxyTarget(cmdline), 'container 172.18.0.3:8080');
    assert.equal(dockerProxyTarget('/usr/bin/node\0server.js\0'), undefined);
  });

  it('reads lsof output as the same listeners (one per process, port and address)', () => {
    assert.deepEqual(parseLsof(LSOF), [
      { port: 4101, address: '127.0.0.1', pid: 812, process: 'node' },
      { port: 4101, address: '::1', pid: 812, process: 'node' },
      { port: 5432, address: '*', pid: 1290, process: 'com.docke' },
      { port: 52814, address: '127.0.0.1', pid: 3301, process: 'Code He' },
    ]);
    assert.deepEqual(parseLsof(''), []);
  });

  it('finds the process of each socket in a /proc tree; a process whose fds cannot be read leaves the port without a pid', async () => {
    const proc = mkdtempSync(join(tmpdir(), 'port-schema-proc-'));
    try {
      mkdirSync(join(proc, 'net'));
      writeFileSync(join(proc, 'net', 'tcp'), PROC_NET_TCP);
      writeFileSync(join(proc, 'net', 'tcp6'), PROC_NET_TCP6);
      const addProcess = (pid: number, comm: string, sockets: string[], cmdline = '') => {
        mkdirSync(join(proc, String(pid), 'fd'), { recursive: true });
        writeFileSync(join(proc, String(pid), 'comm'), `${comm}\n`);
        writeFileSync(join(proc, String(pid), 'cmdline'), cmdline);
        sockets.forEach((inode, i) => symlinkSync(`socket:[${inode}]`, join(proc, String(pid), 'fd', String(i + 3))));
        symlinkSync('/dev/null', join(proc, String(pid), 'fd', '0'));
      };
      addProcess(812, 'node', ['41234', '52001']);
      addProcess(905, 'docker-proxy', ['1134'], ['/usr/bin/docker-proxy', '-container-ip', '172.18.0.3', '-container-port', '80', ''].join('\0'));
      // 52002 (postgres of another user): no fd folder this user may read.
      const found = await new ProcListenerSource(proc).list();
      assert.deepEqual(found, [
        { port: 4101, address: '0.0.0.0', pid: 905, process: 'docker-proxy', container: 'container 172.18.0.3:80' },
        { port: 4101, address: '::', pid: 812, process: 'node' },
        { port: 5432, address: '::1' },
        { port: 8080, address: '127.0.0.1', pid: 812, process: 'node' },
      ]);
    } finally {
      rmSync(proc, { recursive: true, force: true });
    }
  });

  it('sees a real listener this test opens, with this process as its owner', { skip: process.platform !== 'linux' ? 'reads /proc' : false }, async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const found = (await new ProcListenerSource().list()).filter((l) => l.port === port);
      assert.deepEqual(found, [{ port, address: '127.0.0.1', pid: process.pid, process: 'node' }]);
    } finally {
      server.close();
    }
  });

  it('a watch says when what listens has changed, and only then', async () => {
    let readings: LiveListener[][] = [[{ port: 4101, address: '::' }], [{ port: 4101, address: '::' }], []];
    const source: ListenerSource = { list: async () => readings.shift() ?? [] };
    const seen: LiveListener[][] = [];
    const watch = new LiveWatch(source, (l) => seen.push(l), 60_000);
    await watch.poll();
    await watch.poll();
    await watch.poll();
    assert.deepEqual(seen, [[{ port: 4101, address: '::' }], []]);
    readings = [];
  });
});
