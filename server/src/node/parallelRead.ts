import { availableParallelism } from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ILogger, StoredFacts } from '../engine/api';
import type { FactsCache } from './factsCache';
import type { DiskVersion } from './fileChecks';

/**
 * Below this many files one thread reads and extracts them faster than workers could start and
 * hand the facts back; above it, the work is split.
 */
export const PARALLEL_READ_THRESHOLD = 20_000;
/** Files per message: enough to amortise a round trip, few enough to share the work evenly. */
const JOB_SIZE = 256;

export interface ReadJob {
  readonly maxBytes: number;
  readonly files: readonly { readonly path: string; readonly absolute: string }[];
}

/** One file as a worker found it: why it was skipped, or its disk version and, when it read it, its facts. */
export interface ReadResult {
  readonly path: string;
  readonly skipped?: string;
  readonly disk?: DiskVersion;
  readonly stored?: StoredFacts;
  readonly warnings?: readonly string[];
}

/**
 * Reads and extracts `paths` in worker threads, one per core. The facts go to `cache`, where the
 * index takes them when it reads that version of the file; what each file was on disk (or why it
 * was skipped) is returned, for the workspace to answer its reads with. The index still takes the
 * files one by one in path order, so what it builds does not depend on which worker finished first.
 */
export async function readInWorkers(root: string, paths: readonly string[], maxBytes: number, cache: FactsCache, logger: ILogger): Promise<Map<string, ReadResult>> {
  const jobs: ReadJob[] = [];
  for (let i = 0; i < paths.length; i += JOB_SIZE) {
    const files = paths.slice(i, i + JOB_SIZE).map((path) => ({ path, absolute: nodePath.join(root, path) }));
    jobs.push({ maxBytes, files });
  }
  const results = new Map<string, ReadResult>();
  const take = (batch: readonly ReadResult[]) => {
    for (const result of batch) {
      results.set(result.path, result);
      if (result.disk && result.stored) cache.offer(result.path, result.disk, result.stored);
      for (const warning of result.warnings ?? []) logger.log('warn', warning);
    }
  };
  const count = Math.max(1, Math.min(availableParallelism(), Math.ceil(jobs.length / 4)));
  logger.log('info', `reading ${paths.length} files in ${count} threads`);
  await Promise.all(Array.from({ length: count }, () => runWorker(jobs, take, logger)));
  return results;
}

/** One worker taking jobs until none is left; a worker that fails leaves its files to be read as usual. */
function runWorker(jobs: ReadJob[], take: (batch: readonly ReadResult[]) => void, logger: ILogger): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(nodePath.join(__dirname, 'extractWorker.js'));
    const next = () => {
      const job = jobs.shift();
      if (job) worker.postMessage(job);
      else void worker.terminate().then(() => resolve());
    };
    worker.on('message', (batch: ReadResult[]) => {
      take(batch);
      next();
    });
    worker.on('error', (error) => {
      logger.log('warn', `a reading thread failed (${error.message}); its files are read on the main thread`);
      resolve();
    });
    worker.on('exit', () => resolve());
    next();
  });
}
