import type { ILogger } from '../host';
import { OccurrenceSink, sourceFile, type Extractor, type FileFacts } from './extractor';

/**
 * Runs every extractor whose `matches` accepts the path. An extractor that throws is logged and
 * skipped: one malformed file must never take the index (or the server) down.
 */
export function extractFile(extractors: readonly Extractor[], path: string, text: string, logger: ILogger): FileFacts {
  const file = sourceFile(path, text);
  const merged: FileFacts & { occurrences: FileFacts['occurrences'] } = { occurrences: [] };
  let result: FileFacts = merged;
  for (const extractor of extractors) {
    if (!extractor.matches(path)) continue;
    const sink = new OccurrenceSink(file, extractor.id);
    try {
      extractor.extract(file, sink);
    } catch (err) {
      logger.log('warn', `${path}: the ${extractor.id} reader failed and was skipped (${errorMessage(err)})`);
      continue;
    }
    const facts = sink.facts();
    result = {
      occurrences: [...result.occurrences, ...facts.occurrences],
      declaredName: result.declaredName ?? facts.declaredName,
      buildContexts: facts.buildContexts ?? result.buildContexts,
      sharesHostWith: facts.sharesHostWith ?? result.sharesHostWith,
      mounts: facts.mounts ?? result.mounts,
      problems: concatOptional(result.problems, facts.problems),
      template: result.template ?? facts.template,
    };
  }
  return result;
}

function concatOptional<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): readonly T[] | undefined {
  return a && b ? [...a, ...b] : (a ?? b);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
