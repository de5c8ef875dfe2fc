import { commentStyleOf } from '../syntax/comments';
import type { Extractor } from './extractor';

/**
 * Whether anything reads a file's text, by its name alone: an extractor (which may still decide
 * on the content, like a YAML file that turns out to be a Compose fragment), a file that names
 * it as a companion, or the suppression scan (only files with a comment syntax of a family it
 * knows). Any other file is listed and checked, but indexing its text would find nothing.
 */
export function isReadByName(extractors: readonly Extractor[], path: string): boolean {
  return commentStyleOf(path) !== undefined || extractors.some((e) => e.matches(path) || e.isCompanion?.(path));
}
