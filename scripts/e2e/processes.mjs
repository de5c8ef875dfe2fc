// Child processes the e2e run starts: each leads its own process group, so stopping it also stops
// everything it started (code-server's extension host and our language server, Chromium's helpers).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set();

/** Starts `command` detached (its own process group), output appended to `logFile`. */
export function startGroup(command, args, { env, cwd, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const group = { child, exited, name: command.split('/').pop() };
  running.add(group);
  exited.then(() => running.delete(group));
  return group;
}

/** SIGTERM to the whole group, SIGKILL after `graceMs` if anything is left. */
export async function stopGroup(group, graceMs = 5000) {
  const pid = group.child.pid;
  if (!pid) return;
  signalGroup(pid, 'SIGTERM');
  const done = await Promise.race([group.exited.then(() => true), delay(graceMs).then(() => false)]);
  // The leader may exit before its children (the extension host): kill what is left of the group.
  signalGroup(pid, 'SIGKILL');
  if (!done) await Promise.race([group.exited, delay(2000)]);
  running.delete(group);
}

export async function stopAll() {
  await Promise.all([...running].map((g) => stopGroup(g)));
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err; // ESRCH: the group is already gone
  }
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export async function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
