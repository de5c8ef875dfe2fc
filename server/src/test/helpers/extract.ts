import assert from 'node:assert/strict';
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

/**
 * A reader that looks at a file's raw text before lexing it must still let each form it reads
 * through on its own: each `[text, brief]` of `alone` yields exactly that one occurrence, and
 * `none` (numbers in no such form) yields nothing.
 */
export function assertEachFormAlone(extractor: Extractor, path: string, alone: readonly (readonly [string, string])[], none: string): void {
  for (const [text, expected] of alone) assert.deepEqual(extractWith(extractor, path, text).map((o) => brief(text, o)), [expected], text);
  assert.deepEqual(extractWith(extractor, path, none), [], 'a file in none of the forms');
}
