import type { Output } from '../../node/chunkedOutput';

export type { Output } from '../../node/chunkedOutput';

/** Stands in the document for the array that is streamed item by item. */
const STREAMED = '\u0000port-schema:streamed\u0000';

/** The value to put where `writeJson` streams its items. */
export const streamedArray: unknown = STREAMED;

/**
 * Writes `doc` as `JSON.stringify(doc, null, 2)` would, with `items` in place of the one value that
 * is `streamedArray`: the items are stringified one at a time, so the report is never one string.
 */
export function writeJson(out: Output, doc: unknown, items: Iterable<unknown>): void {
  const text = JSON.stringify(doc, null, 2);
  const marker = JSON.stringify(STREAMED);
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('writeJson: the document has no streamed array');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0];
  out.write(text.slice(0, at));
  let count = 0;
  for (const item of items) {
    out.write(`${count++ === 0 ? '[' : ','}\n${indentBlock(JSON.stringify(item, null, 2), `${indent}  `)}`);
  }
  out.write(count ? `\n${indent}]` : '[]');
  out.write(text.slice(at + marker.length));
  out.write('\n');
}

function indentBlock(text: string, indent: string): string {
  return indent + text.replace(/\n/g, `\n${indent}`);
}

/** `items.map(f)`, one item at a time. */
export function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
