import { yamlRefusal, yamlRefusalAt } from './yamlLimits';
import { parseStream, salvageDocuments } from './yamlSalvage';
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type YAMLError } from 'yaml';

/** Merge keys (`<<: *base`) may chain; real files nest a few levels, hostile ones thousands. */
const MAX_MERGE_DEPTH = 8;
/**
 * Alias resolutions allowed per document (our `maxAliasCount`): walks follow aliases, and an
 * alias bomb (ten aliases to ten aliases to ...) would otherwise expand exponentially.
 */
const MAX_ALIAS_RESOLUTIONS = 10_000;

/** The text of a scalar as written in the file, without its quotes, and where that text starts. */
export interface RawScalar {
  readonly text: string;
  readonly offset: number;
}

export interface YamlEntry {
  readonly key: string;
  readonly value: Node | undefined;
}

/**
 * One parsed YAML document, read through node ranges so that every finding maps to file offsets.
 * Aliases are resolved one at a time, on demand, and never expanded as a whole (no alias bombs).
 */
export class YamlDoc {
  readonly #anchors = new Map<string, Node>();
  #aliasBudget = MAX_ALIAS_RESOLUTIONS;

  constructor(readonly doc: Document.Parsed, readonly text: string) {
    visit(doc, {
      Node: (_key, node) => {
        if (node.anchor) this.#anchors.set(node.anchor, node);
      },
    });
  }

  get root(): Node | undefined {
    return this.resolve(this.doc.contents ?? undefined);
  }

  /** The node an alias points at (nothing once the document's alias budget is spent), or the node itself. */
  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return this.#aliasBudget-- > 0 ? this.#anchors.get(node.source) : undefined;
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  }

  /**
   * A map's entries with scalar keys, `<<` merge keys expanded (the map's own keys first), each key
   * once. A key written twice keeps its last value, as PyYAML (and so docker-compose) reads it; of
   * merged maps the first that has a key gives it (`<<: [*a, *b]`: `a` wins), as YAML 1.1 says.
   */
  entries(node: unknown, depth = 0): YamlEntry[] {
    const map = this.resolve(node);
    if (!isMap(map) || depth > MAX_MERGE_DEPTH) return [];
    const own = new Map<string, Node | undefined>();
    const merged = new Map<string, Node | undefined>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (key === '<<') {
        const bases = isSeq(this.resolve(pair.value)) ? this.items(pair.value) : [pair.value];
        for (const base of bases) for (const e of this.entries(base, depth + 1)) if (!merged.has(e.key)) merged.set(e.key, e.value);
      } else {
        own.delete(key);
        own.set(key, this.resolve(pair.value));
      }
    }
    const entries: YamlEntry[] = [...own].map(([key, value]) => ({ key, value }));
    for (const [key, value] of merged) if (!own.has(key)) entries.push({ key, value });
    return entries;
  }

  get(node: unknown, key: string): Node | undefined {
    return this.entries(node).find((e) => e.key === key)?.value;
  }

  /** A sequence's items, aliases resolved; [] for anything else. */
  items(node: unknown): Node[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    return seq.items.map((item) => this.resolve(item)).filter((item): item is Node => item !== undefined);
  }

  /** A scalar's parsed value as a string (numbers included), undefined for collections. */
  str(node: unknown): string | undefined {
    const scalar = this.resolve(node);
    return isScalar(scalar) && scalar.value !== null ? String(scalar.value) : undefined;
  }

  /**
   * The scalar's source text, quotes stripped. Findings inside it map to file offsets by adding
   * `offset`; escapes stay as written, so digits found there are the digits in the file.
   */
  raw(node: unknown): RawScalar | undefined {
    const scalar = this.resolve(node);
    if (!isScalar(scalar) || !scalar.range) return undefined;
    const [start, end] = scalar.range;
    const source = this.text.slice(start, end);
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
    return quoted ? { text: source.slice(1, -1), offset: start + 1 } : { text: source, offset: start };
  }
}

/**
 * The documents of a YAML file that parse cleanly. Documents with errors (a Helm template's
 * `{{ }}`, a half-typed edit) are skipped silently: the rest of the stream is still read.
 */
export function parseYaml(text: string): YamlDoc[] {
  if (yamlRefusal(text)) return [];
  return parsedDocuments(text).filter((d) => d.errors.length === 0).map((d) => new YamlDoc(d, text));
}

/**
 * The last text parsed, and its documents. Several readers look at one YAML file in a row (a
 * Kubernetes manifest is also tried as a Compose fragment); it is parsed once. Nothing changes a
 * parsed document, so the readers may share it.
 */
let lastParse: { readonly text: string; readonly docs: Document.Parsed[] } | undefined;

function parsedDocuments(text: string): Document.Parsed[] {
  if (lastParse?.text !== text) lastParse = { text, docs: parseStream(text) };
  return lastParse.docs;
}

/** Why a YAML text could not be read as written, where: the parser's first error, or why it was not parsed. */
export interface YamlProblem {
  readonly span: { readonly start: number; readonly end: number };
  readonly message: string;
  /** The text was not handed to the parser at all (too large, absurd lines or nesting). */
  readonly refused: boolean;
}

/** A YAML file as far as it can be read. */
export interface YamlRead {
  readonly docs: YamlDoc[];
  readonly problem?: YamlProblem;
  /** The parts left out to read the rest (the broken values and lines), in file order. */
  readonly unread: readonly { readonly start: number; readonly end: number }[];
  /** Documents that could not be read even around their errors: none of their content is in `docs`. */
  readonly lost: number;
}

/**
 * Every document of a YAML file, the ones the parser rejects read around their errors (the
 * broken value or line blanked, the rest parsed as usual), and the parser's first error. A file
 * PyYAML and Docker accept but this parser does not (a quoted string continued in column 0) still
 * yields its services; the problem says that part of it was not read.
 */
export function readYaml(text: string): YamlRead {
  const refusal = yamlRefusalAt(text);
  if (refusal) return { docs: [], problem: { span: { start: refusal.offset, end: refusal.offset }, message: refusal.reason, refused: true }, unread: [], lost: 1 };
  const parsed = parsedDocuments(text);
  const sound = parsed.filter((d) => d.errors.length === 0);
  const broken = parsed.find((d) => d.errors.length > 0);
  if (!broken) return { docs: sound.map((d) => new YamlDoc(d, text)), unread: [], lost: 0 };
  const problem: YamlProblem = { span: errorSpan(text, broken.errors[0]), message: errorSummary(broken.errors[0]), refused: false };
  const salvage = salvageDocuments(text);
  const read = salvage?.docs.filter((d) => d.errors.length === 0) ?? [];
  // Blanking never touches a sound document; should it somehow cost one, the plain reading wins.
  if (!salvage || read.length < sound.length) return { docs: sound.map((d) => new YamlDoc(d, text)), problem, unread: [], lost: parsed.length - sound.length };
  // A document blanked away entirely was not read around its error either.
  const lost = salvage.docs.length - read.length + Math.max(0, parsed.length - salvage.docs.length);
  return { docs: read.map((d) => new YamlDoc(d, salvage.text)), problem, unread: salvage.blanked, lost };
}

/** Where an error starts, to the end of its token on that line at most. */
function errorSpan(text: string, error: YAMLError): { start: number; end: number } {
  const start = Math.min(error.pos[0], text.length);
  const lineEnd = text.slice(start).search(/\r?\n/);
  const end = Math.max(start, Math.min(error.pos[1], lineEnd < 0 ? text.length : start + lineEnd));
  return { start, end };
}

/** `Missing closing 'quote at line 7, column 74:` and a code excerpt → `Missing closing 'quote`. */
function errorSummary(error: YAMLError): string {
  return error.message.split('\n')[0].replace(/\s*at line \d+, column \d+:?\s*$/, '').trim();
}

