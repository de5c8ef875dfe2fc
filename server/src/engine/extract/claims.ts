import type { ILogger, StoredFacts } from '../host';
import { commentStyleOf } from '../syntax/comments';
import { scanSuppressions } from '../syntax/suppressions';
import type { Extractor } from './extractor';
import { defaultExtractors } from './extractors';
import { extractFile } from './runExtractors';

/**
 * Whether anything reads a file's text, by its name alone: an extractor (which may still decide
 * on the content, like a YAML file that turns out to be a Compose fragment), a file that names
 * it as a companion, or the suppression scan (only files with a comment syntax of a family it
 * knows). Any other file is listed and checked, but indexing its text would find nothing.
 */
export function isReadByName(extractors: readonly Extractor[], path: string): boolean {
  return commentStyleOf(path) !== undefined || extractors.some((e) => e.matches(path) || e.isCompanion?.(path));
}

/** `isReadByName` with the engine's own readers: what a host's reading thread asks before reading a file in full. */
export function isReadByDefaultReaders(path: string): boolean {
  return isReadByName(defaultExtractors, path);
}

/**
 * What the index stores for a file whose meaning depends on its text alone, read by the engine's
 * own readers: its facts and suppression comments. A host's reading thread computes it ahead of
 * the index, which takes it as it would a cached version.
 */
export function standaloneFacts(path: string, text: string, logger: ILogger): StoredFacts {
  const facts = extractFile(defaultExtractors, path, text, logger);
  const directives = scanSuppressions(path, text);
  return directives.directives.length || directives.problems.length ? { facts, directives } : { facts };
}
