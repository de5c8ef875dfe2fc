import picomatch from 'picomatch';
import { LineIndex } from '../text';
import { isEcosystemPath, isMarkdownPlanPath, isNativePlanPath } from '../syntax/fileKinds';
import { normalizeServiceName } from '../syntax/names';
import { extname } from '../util/paths';
import { loadMarkdownPlan } from './markdownPlan';
import { emptyPlan, locationOf, type HostEntry, type PlannedPort, type PortPlan, type ServiceEntry } from './portPlan';
import { loadEcosystemPlan } from './ecosystemPlan';
import { loadNativePlan } from './yamlPlan';

/** Shallowest first, then by name: `ports.yaml` beats `services/x/ports.yaml`. */
function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}

/**
 * Picks the authoritative plan files among the candidates: `configured` (the user's
 * portSchema.schemaFiles globs, workspace-relative) if given, else the first native file found
 * (shallowest path first), else Markdown plans, else ecosystem files.
 */
export function selectPlanFiles(candidates: readonly string[], configured?: readonly string[]): string[] {
  const sorted = [...candidates].sort(byDepth);
  if (configured?.length) {
    const matchers = configured.map((glob) => picomatch(glob.replace(/^\.\//, ''), { dot: true }));
    return sorted.filter((path) => matchers.some((isMatch) => isMatch(path)));
  }
  const native = sorted.filter(isNativePlanPath);
  if (native.length) return [native[0]];
  const markdown = sorted.filter(isMarkdownPlanPath);
  if (markdown.length) return markdown;
  return sorted.filter(isEcosystemPath);
}

/** Which reader a plan file needs; configured files may have any name, so the extension decides. */
function loadOne(path: string, text: string): PortPlan {
  const ext = extname(path);
  if (ext === '.md' || ext === '.markdown') return loadMarkdownPlan(path, text);
  if (['.js', '.cjs', '.mjs'].includes(ext)) return loadEcosystemPlan(path, text);
  return loadNativePlan(path, text);
}

/** Loads and merges the selected files (texts supplied by the caller) into one PortPlan; never throws. */
export function loadPlan(files: readonly { path: string; text: string }[]): PortPlan {
  const parts = files.map(({ path, text }) => {
    try {
      return loadOne(path, text);
    } catch (err) {
      return unreadable(path, text, err);
    }
  });
  return parts.length ? parts.reduce(mergePlans) : emptyPlan();
}

function unreadable(path: string, text: string, err: unknown): PortPlan {
  const reason = err instanceof Error ? err.message : String(err);
  const location = locationOf(path, new LineIndex(text), { start: 0, end: 0 });
  return { ...emptyPlan(), files: [path], problems: [{ rule: 'schema-parse', severity: 'error', message: `${path} could not be read as a port plan (${reason}).`, location }] };
}

/**
 * Two plans become one. A service both list is one service: the second file's ports are added
 * unless the first already plans that port under that label (a yaml plan and its Markdown mirror).
 */
function mergePlans(a: PortPlan, b: PortPlan): PortPlan {
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
