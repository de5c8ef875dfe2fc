import type { PortEdit, TextEdit } from '../edit';
import { jsonProperty, parseJsonTree } from '../syntax/json';
import { LineIndex, type Position } from '../text';
import type { Topology } from '../topology/topology';

/** What "Label forwarded ports from the plan" would write, and what it leaves as it is. */
export interface ForwardedPortLabels extends PortEdit {
  /** Each port that gets a label, with it. */
  readonly labelled: readonly { readonly port: number; readonly label: string }[];
  /** Forwarded ports the plan does not know, or that have a label already (the user's words stay). */
  readonly skipped: readonly number[];
}

/**
 * Labels for VS Code's Ports view from the plan: a `portsAttributes` entry `{ "label": "search" }`
 * for each port the dev container forwards (`forwardPorts`, `appPort`, keys of `portsAttributes`)
 * whose plan row names its service; with nothing forwarded, for every planned port (the editor
 * forwards what it detects, and the label applies then). One insertion into the file, comments and
 * layout kept; an existing label is never overwritten.
 */
export function forwardedPortLabels(topology: Topology, path: string, text: string): ForwardedPortLabels {
  const written = (topology.occurrencesByFile.get(path) ?? []).filter((o) => o.portEnd === undefined);
  const labelledAlready = new Set(written.filter((o) => o.label).map((o) => o.port));
  const forwarded = [...new Set(written.map((o) => o.port))];
  const ports = forwarded.length ? forwarded : [...new Set((topology.plan?.services ?? []).flatMap((s) => s.ports.map((p) => p.port)))];
  const labelled: { port: number; label: string }[] = [];
  const skipped: number[] = [];
  for (const port of [...ports].sort((a, b) => a - b)) {
    const label = planLabel(topology, port);
    if (label && !labelledAlready.has(port)) labelled.push({ port, label });
    else skipped.push(port);
  }
  const edits = labelled.length ? insertLabels(path, text, labelled) : undefined;
  return { title: 'Label forwarded ports from the plan', edits: edits ?? [], labelled: edits ? labelled : [], skipped: edits ? skipped : ports };
}

/** `search`, `portos-browser (cdp)`: the service the plan gives the port to, and its label there. */
function planLabel(topology: Topology, port: number): string | undefined {
  const [service] = topology.plannedOwners(port);
  const entry = service?.ports.find((p) => p.port === port);
  return service && entry ? `${service.name}${entry.label ? ` (${entry.label})` : ''}` : undefined;
}

/**
 * The new `"4300": { "label": "orders (api)" }` entries after the last one of `portsAttributes`
 * (indented like its first), or a `portsAttributes` object after the last root property. Nothing
 * else of the file moves; a comment that ends the line of that last property stays on it. Undefined
 * for a file that is not a JSON object, or whose `portsAttributes` is not one (the user's to fix first).
 */
function insertLabels(path: string, text: string, entries: readonly { port: number; label: string }[]): TextEdit[] | undefined {
  const root = parseJsonTree(text);
  if (root?.type !== 'object') return undefined;
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const rendered = entries.map((e) => `"${e.port}": { "label": ${JSON.stringify(e.label)} }`);
  const rootProps = root.children ?? [];
  const indent = rootProps.length ? indentAt(text, lines, rootProps[0].offset) : '  ';
  const attributes = jsonProperty(root, 'portsAttributes');
  if (attributes && attributes.type !== 'object') return undefined;
  if (attributes?.children?.length) {
    const props = attributes.children;
    const inner = indentAt(text, lines, props[0].offset);
    const end = props[props.length - 1].offset + props[props.length - 1].length;
    return appendAfter(path, text, lines, end, rendered.map((r) => `${eol}${inner}${r}`).join(','));
  }
  const block = (outer: string) => `{${eol}${outer}${indent}${rendered.join(`,${eol}${outer}${indent}`)}${eol}${outer}}`;
  if (attributes) {
    const outer = lineIndent(lines, attributes.offset);
    return [{ path, range: lines.rangeOf({ start: attributes.offset, end: attributes.offset + attributes.length }), newText: block(outer) }];
  }
  if (!rootProps.length) return [{ path, range: lines.rangeOf({ start: root.offset, end: root.offset + root.length }), newText: `{${eol}${indent}"portsAttributes": ${block(indent)}${eol}}` }];
  const last = rootProps[rootProps.length - 1];
  return appendAfter(path, text, lines, last.offset + last.length, `${eol}${indent}"portsAttributes": ${block(indent)}`);
}

/**
 * A comma right after the element that ends at `end`, and `rest` after it — or, when only a `//`
 * comment follows on that line, after the comment, so that it stays with what it is about.
 */
function appendAfter(path: string, text: string, lines: LineIndex, end: number, rest: string): TextEdit[] {
  const at = lines.positionAt(end);
  const lineEnd = lines.lineStart(at.line) + lines.lineText(at.line).length;
  const trailing = text.slice(end, lineEnd);
  const point = (p: Position): TextEdit['range'] => ({ start: p, end: p });
  if (/^\s*\/\/.*$/.test(trailing)) return [{ path, range: point(at), newText: ',' }, { path, range: point(lines.positionAt(lineEnd)), newText: rest }];
  return [{ path, range: point(at), newText: `,${rest}` }];
}

/** The whitespace before the node when it starts its line, else the line's own indentation. */
function indentAt(text: string, lines: LineIndex, offset: number): string {
  const before = text.slice(lines.lineStart(lines.positionAt(offset).line), offset);
  return /^[ \t]*$/.test(before) ? before : lineIndent(lines, offset);
}

function lineIndent(lines: LineIndex, offset: number): string {
  return /^[ \t]*/.exec(lines.lineText(lines.positionAt(offset).line))![0];
}
