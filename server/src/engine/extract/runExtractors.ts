import type { ILogger } from '../host';
import { OccurrenceSink, sourceFile, stripUndefined, type Extractor, type FileFacts } from './extractor';

/**
 * Runs every extractor whose `matches` accepts the path. An extractor that throws is logged and
 * skipped: one malformed file must never take the index (or the server) down.
 */
export function extractFile(extractors: readonly Extractor[], path: string, text: string, logger: ILogger, companions?: ReadonlyMap<string, string>): FileFacts {
  const file = sourceFile(path, text, companions);
  let result: FileFacts = { occurrences: [] };
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
    // Most readers find nothing in most files: nothing to join then.
    if (isEmpty(facts)) continue;
    result = isEmpty(result) ? facts : mergeFacts(result, facts);
  }
  return result;
}

/** Facts that say nothing: no occurrence and no other key. */
function isEmpty(facts: FileFacts): boolean {
  return facts.occurrences.length === 0 && Object.keys(facts).length === 1;
}

/** Two extractors' facts of one file: occurrences and lists joined, the first declared name kept. */
function mergeFacts(a: FileFacts, b: FileFacts): FileFacts {
  const join = <T>(x: readonly T[] | undefined, y: readonly T[] | undefined) => (x && y ? [...x, ...y] : (x ?? y));
  return stripUndefined({
    occurrences: [...a.occurrences, ...b.occurrences],
    declaredName: a.declaredName ?? b.declaredName,
    compose: a.compose ?? b.compose,
    copies: join(a.copies, b.copies),
    runs: join(a.runs, b.runs),
    starts: join(a.starts, b.starts),
    composeRuns: join(a.composeRuns, b.composeRuns),
    envCopies: join(a.envCopies, b.envCopies),
    kubernetes: join(a.kubernetes, b.kubernetes),
    devScript: a.devScript ?? b.devScript,
    startsWorkspaces: a.startsWorkspaces ?? b.startsWorkspaces,
    problems: join(a.problems, b.problems),
    template: a.template ?? b.template,
  }) as FileFacts;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The companion files the extractors reading `path` name (none for most files). */
export function companionsOf(extractors: readonly Extractor[], path: string): string[] {
  const out = new Set<string>();
  for (const extractor of extractors) {
    if (extractor.companions && extractor.matches(path)) for (const c of extractor.companions(path)) if (c !== path) out.add(c);
  }
  return [...out];
}

/** True when some extractor may read `path` as a companion of another file. */
export function isCompanionFile(extractors: readonly Extractor[], path: string): boolean {
  return extractors.some((e) => e.isCompanion?.(path));
}
