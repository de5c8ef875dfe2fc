import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection on demand, so that a heap figure is what is still reachable, not garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** MB of heap still in use after a full garbage collection. */
export function heapUsedMb(): number {
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
