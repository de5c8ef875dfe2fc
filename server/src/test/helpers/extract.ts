import { OccurrenceSink, sourceFile, type Extractor } from '../../engine/extract/extractor';
import type { PortOccurrence } from '../../engine/extract/occurrence';

/** Runs one extractor on an in-memory file, with the texts of the companion files it reads (`{ path: text }`). */
export function extractWith(extractor: Extractor, path: string, text: string, companions?: Record<string, string>): PortOccurrence[] {
  const file = sourceFile(path, text, companions ? new Map(Object.entries(companions)) : undefined);
  const sink = new OccurrenceSink(file, extractor.id);
  extractor.extract(file, sink);
  return sink.occurrences;
}

/** A compact view for assertions: `kind port "text under the span"` plus selected details. */
export function brief(text: string, occ: PortOccurrence): string {
  const under = text.slice(occ.span.start, occ.span.end);
  const extra = [occ.label && `label=${occ.label}`, occ.ownerHint && `owner=${occ.ownerHint}`, occ.host && `host=${occ.host}`, occ.key && `key=${occ.key}`]
    .filter(Boolean)
    .join(' ');
  return `${occ.kind} ${under}${extra ? ' ' + extra : ''} @${occ.range.start.line + 1}:${occ.range.start.character + 1}`;
}

/** Joins lines with \n: inline fixtures read like the files they imitate. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}
