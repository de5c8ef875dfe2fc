import { parentPort } from 'node:worker_threads';
import { isReadByDefaultReaders, standaloneFacts, type ILogger } from '../engine/api';
import { errorCode, readTextFile, type DiskVersion } from './fileChecks';
import type { ReadJob, ReadResult } from './parallelRead';

/**
 * A reading thread of `ReadAhead`: reads the batches of files it is handed and extracts their facts, as
 * the index would for a file that depends on its text alone. It requires nothing of the workspace:
 * files are read as text, never loaded as code.
 */
parentPort?.on('message', (job: ReadJob) => {
  parentPort!.postMessage(job.files.map((file) => readOne(file.path, file.absolute, job.maxBytes)));
});

function readOne(path: string, absolute: string, maxBytes: number): ReadResult {
  let disk: DiskVersion | undefined;
  let read: ReturnType<typeof readTextFile>;
  try {
    read = readTextFile(absolute, maxBytes, (found) => {
      disk = found;
      return isReadByDefaultReaders(path) ? 'text' : 'check';
    });
  } catch (error) {
    return { path, skipped: `cannot be read (${errorCode(error)})` };
  }
  if (typeof read === 'string') return { path, skipped: read };
  if (!read.text) return { path, disk: disk! };
  const warnings: string[] = [];
  const logger: ILogger = { log: (level, message) => (level === 'warn' || level === 'error' ? warnings.push(message) : undefined) };
  const stored = standaloneFacts(path, read.text, logger);
  return { path, disk: disk!, stored, ...(warnings.length ? { warnings } : {}) };
}
