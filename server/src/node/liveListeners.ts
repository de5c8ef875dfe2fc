import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { LiveListener } from '../engine/api';

/**
 * What listens on this machine right now, read without a dependency: on Linux from `/proc/net/tcp`
 * and `tcp6` (the listening sockets) and `/proc/<pid>/fd` (which process holds each one); on macOS
 * from `lsof -iTCP -sTCP:LISTEN -P -n`. Both sit behind `ListenerSource`, so the editor does not
 * care which one runs. Only read, never written; nothing of the workspace is executed.
 */
export interface ListenerSource {
  list(): Promise<LiveListener[]>;
}

/** `0A` in the `st` column of `/proc/net/tcp`: TCP_LISTEN. */
const TCP_LISTEN = '0A';

/** A listening socket as `/proc/net/tcp{,6}` lists it: its port, address and inode (to find its process). */
export interface ProcSocket {
  readonly port: number;
  readonly address: string;
  readonly inode: string;
}

/** The listening sockets of one `/proc/net/tcp` or `tcp6` text (the kernel writes addresses as little-endian hex words). */
export function parseProcNetTcp(text: string): ProcSocket[] {
  const out: ProcSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
    const [hexAddress, hexPort] = fields[1].split(':');
    const port = parseInt(hexPort, 16);
    if (!port || !hexAddress) continue;
    out.push({ port, address: decodeAddress(hexAddress), inode: fields[9] });
  }
  return out;
}

function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)));
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.every((b) => b === 0)) return '::';
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** `docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80` → `container 172.17.0.2:80`. */
export function dockerProxyTarget(cmdline: string): string | undefined {
  const args = cmdline.split('\0');
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const ip = value('-container-ip');
  const port = value('-container-port');
  return ip && port ? `container ${ip}:${port}` : undefined;
}

/**
 * Linux: the listening sockets of `/proc/net/tcp` and `tcp6`, each with the process that holds it
 * where this user may read that process's `fd` folder (another user's process: the port, no pid).
 */
export class ProcListenerSource implements ListenerSource {
  constructor(readonly procRoot = '/proc') {}

  async list(): Promise<LiveListener[]> {
    const sockets = (await Promise.all(['tcp', 'tcp6'].map((f) => readFile(join(this.procRoot, 'net', f), 'utf8').then(parseProcNetTcp, () => [])))).flat();
    if (!sockets.length) return [];
    const owners = await this.#ownersOf(new Set(sockets.map((s) => s.inode)));
    const seen = new Set<string>();
    const out: LiveListener[] = [];
    for (const socket of sockets) {
      const owner = owners.get(socket.inode);
      const key = `${socket.port}:${owner?.pid ?? ''}:${socket.address}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ port: socket.port, address: socket.address, ...owner });
    }
    return out.sort((a, b) => a.port - b.port);
  }

  /** Which process holds each socket inode: one readlink per file descriptor this user can see. */
  async #ownersOf(inodes: ReadonlySet<string>): Promise<Map<string, { pid: number; process?: string; container?: string }>> {
    const owners = new Map<string, { pid: number; process?: string; container?: string }>();
    const pids = (await readdir(this.procRoot).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
    for (const pid of pids) {
      if (owners.size === inodes.size) break;
      const fdDir = join(this.procRoot, pid, 'fd');
      const fds = await readdir(fdDir).catch(() => [] as string[]);
      for (const fd of fds) {
        const link = await readlink(join(fdDir, fd)).catch(() => '');
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (!inode || !inodes.has(inode) || owners.has(inode)) continue;
        owners.set(inode, { pid: Number(pid), ...(await this.#describe(pid)) });
      }
    }
    return owners;
  }

  /**
   * The program's name from its command line (`/usr/bin/node server.js` → `node`); `comm` only when
   * that is empty: `comm` is cut at 15 characters and renamed by some runtimes (an editor's
   * extension host calls its thread `MainThread`).
   */
  async #describe(pid: string): Promise<{ process?: string; container?: string }> {
    const cmdline = await readFile(join(this.procRoot, pid, 'cmdline'), 'utf8').catch(() => '');
    const program = basename(cmdline.split('\0')[0] ?? '') || (await readFile(join(this.procRoot, pid, 'comm'), 'utf8').catch(() => '')).trim();
    if (program !== 'docker-proxy') return program ? { process: program } : {};
    const container = dockerProxyTarget(cmdline);
    return { process: program, ...(container ? { container } : {}) };
  }
}

/**
 * The listening sockets in `lsof -iTCP -sTCP:LISTEN -P -n` output: `node 812 me 23u IPv6 0x… 0t0 TCP *:4101 (LISTEN)`.
 * lsof escapes a space in a command name as `\x20` and cuts long names; both are kept as written.
 */
export function parseLsof(text: string): LiveListener[] {
  const out: LiveListener[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    const m = /^(\S+)\s+(\d+)\s.*\sTCP\s+(\S+):(\d+)\s+\(LISTEN\)\s*$/.exec(line);
    if (!m) continue;
    const [, command, pid, host, port] = m;
    const address = host === '*' ? '*' : host.replace(/^\[|\]$/g, '');
    const key = `${port}:${pid}:${address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ port: Number(port), address, pid: Number(pid), process: command.replace(/\\x20/g, ' ') });
  }
  return out.sort((a, b) => a.port - b.port);
}

/** macOS (and any system with lsof): the same answer from `lsof`. A missing lsof gives an empty list, not an error. */
export class LsofListenerSource implements ListenerSource {
  list(): Promise<LiveListener[]> {
    return new Promise((resolve) => {
      // lsof exits 1 when it finds nothing, and is missing on some systems: its output, if any, is the answer.
      execFile('lsof', ['-iTCP', '-sTCP:LISTEN', '-P', '-n'], { timeout: 5000, maxBuffer: 4 * 1024 * 1024 }, (_err, stdout) => resolve(stdout ? parseLsof(String(stdout)) : []));
    });
  }
}

/** The source for this platform, or undefined where neither works (Windows). */
export function platformListenerSource(platform: NodeJS.Platform = process.platform): ListenerSource | undefined {
  if (platform === 'linux') return new ProcListenerSource();
  if (platform === 'darwin' || platform === 'freebsd') return new LsofListenerSource();
  return undefined;
}

/**
 * Polls a source while someone wants live listeners, and says when what listens has changed.
 * Polling, not events: no OS offers a portable "port opened" event; every few seconds is cheap.
 */
export class LiveWatch {
  #timer: NodeJS.Timeout | undefined;
  #last = '';
  #running = false;

  constructor(readonly source: ListenerSource, readonly onChange: (listeners: LiveListener[]) => void, readonly intervalMs = 3000) {}

  get active(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.poll(), this.intervalMs);
    this.#timer.unref?.();
    void this.poll();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#last = '';
  }

  /** One reading; `onChange` only when it differs from the last one. */
  async poll(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      const listeners = await this.source.list();
      const key = JSON.stringify(listeners);
      if (key !== this.#last) {
        this.#last = key;
        this.onChange(listeners);
      }
    } finally {
      this.#running = false;
    }
  }
}
