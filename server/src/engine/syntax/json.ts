import { parseTree, type Node } from 'jsonc-parser';

/**
 * JSON and JSONC documents read through node offsets, so that every port found maps to its digits
 * in the file (package.json, devcontainer.json, Prometheus target files).
 */

/** Larger files are generated dumps: not worth parsing. */
const MAX_JSON_CHARS = 1_000_000;
/** The parser recurses once per level: hostile nesting would exhaust the stack. Real configs nest a handful. */
const MAX_JSON_DEPTH = 128;

/** A value's text as written in the file (a string without its quotes) and where that text starts. */
export interface RawJson {
  readonly text: string;
  readonly offset: number;
}

/** The tree of a JSON/JSONC text (comments and trailing commas allowed), or undefined when refused or empty. */
export function parseJsonTree(text: string): Node | undefined {
  if (text.length > MAX_JSON_CHARS || nestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

/** Counts `[` and `{` even inside strings: a false alarm only refuses an absurd file. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return false;
}

/**
 * A JSON string's text as written, without its quotes. Escapes stay as written, so digits found in
 * it are digits in the file; the tokenizers treat `\` as a separator.
 */
export function rawJsonString(text: string, node: Node | undefined): RawJson | undefined {
  if (node?.type !== 'string') return undefined;
  return { text: text.slice(node.offset + 1, node.offset + node.length - 1), offset: node.offset + 1 };
}

/** A string's text without quotes, or a number's digits as written; undefined for anything else. */
export function rawJsonScalar(text: string, node: Node | undefined): RawJson | undefined {
  if (node?.type === 'number') return { text: text.slice(node.offset, node.offset + node.length), offset: node.offset };
  return rawJsonString(text, node);
}

/** An object's properties as key and value nodes (string keys only). */
export function jsonProperties(node: Node | undefined): Array<{ key: Node; value: Node | undefined }> {
  if (node?.type !== 'object') return [];
  const out: Array<{ key: Node; value: Node | undefined }> = [];
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0];
    if (key?.type === 'string') out.push({ key, value: prop.children?.[1] });
  }
  return out;
}

/** A property's value node by key, or undefined. */
export function jsonProperty(node: Node | undefined, key: string): Node | undefined {
  return jsonProperties(node).find((p) => p.key.value === key)?.value;
}

/** An array's items; [] for anything else. */
export function jsonItems(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}
