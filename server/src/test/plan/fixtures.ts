import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from '../../engine/edit';
import type { PlanLocation } from '../../engine/plan/portPlan';
import { LineIndex } from '../../engine/text';

/** A file of `server/testFixtures/plans/`. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../../testFixtures/plans', name), 'utf8');
}

/** The text a plan location covers. */
export function textAt(text: string, location: PlanLocation): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(location.range.start), lines.offsetAt(location.range.end));
}

/** Applies non-overlapping edits of one file, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
