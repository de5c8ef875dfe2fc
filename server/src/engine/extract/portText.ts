import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';

/** A whole value that is one port: `3000`, `"3000"`, `${PORT:-3000}` (the default is the port). */
const PORT_VALUE = /^(["']?)(?:\$\{[A-Za-z_]\w*:?[-=](\d{1,5})\}|(\d{1,5}))\1$/;
const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

/** Where the port sits in a value that is exactly one port (`3000`, `'3000'`, `${PORT:-3000}`). */
export function portValue(text: string): { digits: string; index: number } | undefined {
  const m = PORT_VALUE.exec(text);
  if (!m) return undefined;
  const digits = m[2] ?? m[3];
  return { digits, index: text.lastIndexOf(digits) };
}

/** Records a port or a range (`9000-9005`) whose text starts at `offset`; anything else is ignored. */
export function addPortOrRange(sink: OccurrenceSink, text: string, offset: number, kind: OccurrenceKind, details: OccurrenceDetails): void {
  const range = PORT_RANGE.exec(text);
  if (range) {
    sink.addRange({ start: offset, end: offset + text.length }, Number(range[1]), Number(range[2]), kind, details);
    return;
  }
  const port = portValue(text);
  if (port) sink.addAt(offset + port.index, port.digits, kind, details);
}
