import { availableParallelism } from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CancellationToken, ILogger, StoredFacts } from '../engine/api';
import type { FactsCache } from './factsCache';
import type { DiskVersion } from './fileChecks';

/**
 * Below this many files to read, one thread reads and extracts them sooner than a reading thread
 * could start (it loads its own bundle and warms up its own compiler) and hand facts back.
 */
export const PARALLEL_READ_THRESHOLD = 20_000;
/** Files per message: enough to amortise a round trip, few enough that the index never waits long for one. */
const JOB_SIZE = 256;
/** Batches a thread holds: it starts on the next while the main thread, busy indexing, has not yet taken the last. */
const JOBS_AHEAD = 2;
/**
 * While threads read, the main thread gives the event loop a turn after this many claims: the
 * index reads synchronously, and a thread's batch comes back (and the thread is handed the next)
 * only on such a turn.
 */
const CLAIMS_PER_TURN = 64;

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

export interface ReadAheadOptions {
  readonly root: string;
  readonly maxBytes: number;
  /** Where the threads' facts go: the index takes them from there when it reads that version of the file. */
  readonly cache: FactsCache;
  readonly logger: ILogger;
  /** The threads start once this many files were offered. */
  readonly threshold: number;
  /** Stops handing out files (the indexing was cancelled). */
  readonly token: CancellationToken;
  /**
   * The index waits for the threads' reading of every file offered to them, instead of reading
   * itself those they have not reached: tests use it to compare what the threads extract with what
   * the main thread does.
   */
  readonly threadsReadAll?: boolean;
}

/** A reading thread and the batches it was handed, oldest first. */
interface Reader {
  readonly worker: Worker;
  readonly jobs: (readonly string[])[];
}

/**
 * Files read and extracted in worker threads while the walk is still listing the tree and while
 * the index reads it on the main thread: the threads take the files in listing order until the
 * listing is complete, then from the end of the sorted list while the index goes from its start.
 * Each file is read once, by whoever comes to it first, and the index waits at most for the batch
 * a thread is reading; it still takes every file in path order, so what it builds does not depend
 * on who read what. One thread fewer than the cores: the main thread reads too.
 */
export class ReadAhead {
  readonly #options: ReadAheadOptions;
  /** Offered and not handed to a thread yet, in listing order. */
  readonly #pending = new Set<string>();
  /** Once the listing is complete: the pending files in path order, handed out from the end. */
  #tail: string[] | undefined;
  /** What the threads found, until the index claims it. */
  readonly #done = new Map<string, ReadResult>();
  /** Files the index is waiting for, with what tells it they are back (or will never be). */
  readonly #waiting = new Map<string, () => void>();
  readonly #readers = new Set<Reader>();
  /** Files handed to a thread and not back yet. */
  readonly #reading = new Set<string>();
  /** Readers with nothing to read until the walk lists more. */
  readonly #idle = new Set<Reader>();
  #wakeScheduled = false;
  #started = false;
  #readByThreads = 0;
  #offered = 0;
  #claims = 0;

  constructor(options: ReadAheadOptions) {
    this.#options = options;
  }

  /** A listed file no one has read yet; the threads start once there are enough of them. */
  offer(path: string): void {
    this.#pending.add(path);
    this.#offered++;
    if (!this.#started && this.#pending.size >= this.#options.threshold) this.#start();
    else if (this.#idle.size && !this.#wakeScheduled) {
      // The walk lists synchronously between its yields to the event loop: wake the idle readers in the next one.
      this.#wakeScheduled = true;
      setImmediate(() => {
        this.#wakeScheduled = false;
        this.#wakeIdle();
      });
    }
  }

  #wakeIdle(): void {
    for (const reader of [...this.#idle]) this.#hand(reader);
  }

  /** The listing is complete (`paths` sorted; empty when it was cancelled): the threads now read from its end. */
  listingDone(paths: readonly string[]): void {
    if (!this.#started) {
      this.#pending.clear();
      return;
    }
    this.#tail = paths.filter((path) => this.#pending.has(path));
    this.#wakeIdle();
  }

  /**
   * What a thread found for `path`, once: at once when it is back, a promise when a thread is reading
   * it, undefined when no thread will (the caller reads it, and no thread will be handed it now).
   */
  claim(path: string): ReadResult | Promise<ReadResult | undefined> | undefined {
    if (this.#readers.size && ++this.#claims % CLAIMS_PER_TURN === 0) return new Promise((resolve) => setImmediate(resolve)).then(() => this.#claimNow(path));
    return this.#claimNow(path);
  }

  #claimNow(path: string): ReadResult | Promise<ReadResult | undefined> | undefined {
    const done = this.#take(path);
    if (done) return done;
    if (this.#pending.has(path) && !(this.#options.threadsReadAll && this.#readers.size)) {
      this.#pending.delete(path);
      return undefined;
    }
    if (!this.#reading.has(path) && !this.#pending.has(path)) return undefined;
    return new Promise<void>((resolve) => this.#waiting.set(path, resolve)).then(() => this.#take(path));
  }

  #take(path: string): ReadResult | undefined {
    const done = this.#done.get(path);
    if (done) this.#done.delete(path);
    return done;
  }

  #start(): void {
    this.#started = true;
    const count = Math.max(1, availableParallelism() - 1);
    for (let i = 0; i < count; i++) this.#spawn();
  }

  #spawn(): void {
    const reader: Reader = { worker: new Worker(nodePath.join(__dirname, 'extractWorker.js')), jobs: [] };
    this.#readers.add(reader);
    reader.worker.on('message', (batch: ReadResult[]) => {
      reader.jobs.shift();
      this.#received(batch);
      this.#hand(reader);
    });
    reader.worker.on('error', (error) => {
      this.#options.logger.log('warn', `a reading thread failed (${error.message}); its files are read on the main thread`);
      this.#retire(reader);
    });
    reader.worker.on('exit', () => this.#retire(reader));
    this.#hand(reader);
  }

  /** Tops up the reader's batches; with none left once the listing is complete, lets it go. */
  #hand(reader: Reader): void {
    this.#idle.delete(reader);
    while (reader.jobs.length < JOBS_AHEAD && !this.#options.token.isCancellationRequested) {
      const job = this.#nextJob();
      if (!job.length) break;
      reader.jobs.push(job);
      for (const path of job) this.#reading.add(path);
      const files = job.map((path) => ({ path, absolute: nodePath.join(this.#options.root, path) }));
      reader.worker.postMessage({ maxBytes: this.#options.maxBytes, files } satisfies ReadJob);
    }
    if (reader.jobs.length) return;
    if (this.#tail || this.#options.token.isCancellationRequested) {
      this.#retire(reader);
      void reader.worker.terminate();
    } else this.#idle.add(reader);
  }

  #nextJob(): string[] {
    const job: string[] = [];
    if (this.#tail) {
      while (job.length < JOB_SIZE && this.#tail.length) {
        const path = this.#tail.pop()!;
        if (this.#pending.delete(path)) job.push(path);
      }
      return job;
    }
    for (const path of this.#pending) {
      if (job.length === JOB_SIZE) break;
      job.push(path);
    }
    for (const path of job) this.#pending.delete(path);
    return job;
  }

  #received(batch: readonly ReadResult[]): void {
    const { cache, logger } = this.#options;
    for (const result of batch) {
      this.#done.set(result.path, result);
      this.#reading.delete(result.path);
      this.#readByThreads++;
      if (result.disk && result.stored) cache.offer(result.path, result.disk, result.stored);
      for (const warning of result.warnings ?? []) logger.log('warn', warning);
      this.#release(result.path);
    }
  }

  /** A reader that stopped: the files it was reading are the index's own again, and so is everything once no reader is left. */
  #retire(reader: Reader): void {
    if (!this.#readers.delete(reader)) return;
    this.#idle.delete(reader);
    for (const path of reader.jobs.flat()) {
      this.#reading.delete(path);
      this.#release(path);
    }
    reader.jobs.length = 0;
    if (this.#readers.size) return;
    for (const path of [...this.#waiting.keys()]) this.#release(path);
    this.#options.logger.log('info', `read ${this.#readByThreads} of ${this.#offered} files in reading threads`);
  }

  #release(path: string): void {
    const resolve = this.#waiting.get(path);
    if (!resolve) return;
    this.#waiting.delete(path);
    resolve();
  }
}
