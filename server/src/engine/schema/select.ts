import picomatch from 'picomatch';
import { LineIndex } from '../text';
import { basename, extname } from '../util/paths';
import { loadMarkdownSchema } from './markdownSchema';
import { emptySchema, locationOf, normalizeServiceName, type HostEntry, type PlannedPort, type PortSchema, type ServiceEntry } from './model';
import { loadEcosystemSchema } from './pm2Schema';
import { loadNativeSchema } from './yamlSchema';

const MARKDOWN_PLAN_NAMES = new Set(['port_schema.md', 'ports.md', 'port-schema.md']);

function underNodeModules(path: string): boolean {
  return /(^|\/)node_modules\//.test(path);
}

export function isNativeSchemaPath(path: string): boolean {
  return /^\.?ports\.(?:ya?ml|jsonc?)$/i.test(basename(path)) && !underNodeModules(path);
}

export function isMarkdownPlanPath(path: string): boolean {
  return MARKDOWN_PLAN_NAMES.has(basename(path).toLowerCase()) && !underNodeModules(path);
}

export function isEcosystemPath(path: string): boolean {
  return /^ecosystem\.config\.(?:c|m)?js$/.test(basename(path)) && !underNodeModules(path);
}

/** Shallowest first, then by name: `ports.yaml` beats `services/x/ports.yaml`. */
function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}

/**
 * Picks the authoritative plan files among the candidates: `configured` (the user's
 * portSchema.schemaFiles globs, workspace-relative) if given, else the first native file found
 * (shallowest path first), else Markdown plans, else ecosystem files.
 */
export function selectSchemaFiles(candidates: readonly string[], configured?: readonly string[]): string[] {
  const sorted = [...candidates].sort(byDepth);
  if (configured?.length) {
    const matchers = configured.map((glob) => picomatch(glob.replace(/^\.\//, ''), { dot: true }));
    return sorted.filter((path) => matchers.some((isMatch) => isMatch(path)));
  }
  const native = sorted.filter(isNativeSchemaPath);
  if (native.length) return [native[0]];
  const markdown = sorted.filter(isMarkdownPlanPath);
  if (markdown.length) return markdown;
  return sorted.filter(isEcosystemPath);
}

/** Which reader a plan file needs; configured files may have any name, so the extension decides. */
function loadOne(path: string, text: string): PortSchema {
  const ext = extname(path);
  if (ext === '.md' || ext === '.markdown') return loadMarkdownSchema(path, text);
  if (['.js', '.cjs', '.mjs'].includes(ext)) return loadEcosystemSchema(path, text);
  return loadNativeSchema(path, text);
}

/** Loads and merges the selected files (texts supplied by the caller) into one PortSchema; never throws. */
export function loadSchema(files: readonly { path: string; text: string }[]): PortSchema {
  const parts = files.map(({ path, text }) => {
    try {
      return loadOne(path, text);
    } catch (err) {
      return unreadable(path, text, err);
    }
  });
  return parts.length ? parts.reduce(mergeSchemas) : emptySchema();
}

function unreadable(path: string, text: string, err: unknown): PortSchema {
  const reason = err instanceof Error ? err.message : String(err);
  const location = locationOf(path, new LineIndex(text), { start: 0, end: 0 });
  return { ...emptySchema(), files: [path], problems: [{ rule: 'schema-parse', severity: 'error', message: `${path} could not be read as a port plan (${reason}).`, location }] };
}

/**
 * Two plans become one. A service both list is one service: the second file's ports are added
 * unless the first already plans that port under that label (a yaml plan and its Markdown mirror).
 */
function mergeSchemas(a: PortSchema, b: PortSchema): PortSchema {
  const services = new Map<string, ServiceEntry>(a.services.map((s) => [normalizeServiceName(s.name), s]));
  for (const service of b.services) {
    const key = normalizeServiceName(service.name);
    const existing = services.get(key);
    services.set(key, existing ? { ...existing, ports: [...existing.ports, ...service.ports.filter((p) => !plans(existing.ports, p))] } : service);
  }
  const hosts = new Map<string, HostEntry>([...b.hosts, ...a.hosts].map((h) => [h.name, h]));
  return {
    files: [...a.files, ...b.files],
    format: a.format,
    ranges: [...a.ranges, ...b.ranges],
    services: [...services.values()],
    hosts: [...hosts.values()],
    rules: {
      avoid: [...new Set([...a.rules.avoid, ...b.rules.avoid])],
      contiguous: a.rules.contiguous || b.rules.contiguous,
      pairs: [...a.rules.pairs, ...b.rules.pairs],
    },
    problems: [...a.problems, ...b.problems],
  };
}

function plans(ports: readonly PlannedPort[], candidate: PlannedPort): boolean {
  return ports.some((p) => p.port === candidate.port && p.label === candidate.label);
}
