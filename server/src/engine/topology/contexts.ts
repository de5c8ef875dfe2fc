import type { FileFacts } from '../extract/extractor';
import type { ContextDeclaration } from '../plan/portPlan';
import { isComposePath } from '../syntax/fileKinds';
import { basename, dirname } from '../util/paths';

/**
 * Where a listener runs. A port is judged in its context: two services collide only where they
 * run together, and a reference is resolved where the referrer runs.
 * - `own`: processes started directly (a source default, a start script, an npm script, a PM2 app)
 *   on the developer's machine, or on the plan host their service names.
 * - `compose`: one Compose project: a file and the files merged with it.
 * - `cluster`: a Kubernetes cluster's cluster-wide ports (`nodePort`, open on every node), and
 *   its node ports (`hostPort`, open on the node a pod lands on: the scheduler may keep two apart).
 */
export interface RunContext {
  readonly id: string;
  readonly kind: 'own' | 'compose' | 'cluster';
  /** How messages name it: "on its own", "docker-compose.macmini.yml + docker-compose.monitoring.yml". */
  readonly label: string;
  /** A Compose project's files, in the order they are merged. */
  readonly files: readonly string[];
  /** The folder a Compose project runs from (its first file's). */
  readonly dir: string;
  /** The machine, when the plan or the config names it. */
  readonly host?: string;
  /** Whether the plan's ports apply here (drift, out-of-range, unassigned); collisions are checked everywhere. */
  readonly governed: boolean;
  /** Compose fragments of one menu: its services run together only once someone installs both. */
  readonly fragments?: boolean;
}

/** A context as messages name it: `Compose project docker-compose.yml`, `on its own`, `host mac-mini`. */
export function describeContext(context: RunContext): string {
  if (context.fragments) return context.label;
  if (context.kind === 'compose') return `Compose project ${context.label}`;
  if (context.kind === 'cluster') return context.label;
  return context.host ? `host ${context.host}` : 'on its own';
}

export const OWN_CONTEXT: RunContext = { id: 'own', kind: 'own', label: 'on its own', files: [], dir: '', governed: true };
export const CLUSTER_CONTEXT: RunContext = { id: 'k8s-cluster', kind: 'cluster', label: 'the Kubernetes cluster', files: [], dir: '', governed: true };
export const NODE_CONTEXT: RunContext = { id: 'k8s-node', kind: 'cluster', label: 'a Kubernetes node', files: [], dir: '', governed: true };

/** Stacks that run beside the real one on purpose: tests, CI, examples. The plan does not govern them. */
const UNGOVERNED = /(^|[./_-])(test|tests|testing|e2e|ci|it|integration|example|examples|sample|samples|demo|demos|fixture|fixtures|mock|mocks|sandbox)([./_-]|$)/i;
/** `docker-compose.override.yml`, `compose.override.yaml`, `app.override.yml`: merged into the base beside them. */
const OVERRIDE = /^(.*)\.override\.(ya?ml)$/i;

/**
 * The Compose projects of a workspace. A file runs with what is merged into it: the override file
 * beside it, its `include:`/`extends:` files, the other files of a `-f a -f b` chain or a
 * `COMPOSE_FILE` list. A file that is in a chain runs in that chain; one that is in none runs alone
 * (with its override). Sibling files that redefine the same services (a build or prod variant) are
 * alternatives: separate projects, whose same-named services are one service (ownership sees to that).
 * Declared contexts (ports.yaml `contexts:`) replace what would be inferred for their files.
 */
export function composeProjects(files: ReadonlyMap<string, FileFacts>, declared: readonly ContextDeclaration[] = []): RunContext[] {
  const compose = [...files.keys()].filter((p) => isComposePath(p) && files.get(p)?.compose && !files.get(p)?.compose?.fragment).sort();
  const exists = new Set(compose);
  const declaredFiles = new Set(declared.flatMap((d) => d.compose ?? []));
  const projects: RunContext[] = declared.filter((d) => d.compose?.length).map((d) => project(d.compose!.filter((f) => exists.has(f)), d));
  const chains = [...files.values()].flatMap((f) => f.composeRuns ?? []).map((chain) => chain.filter((f) => exists.has(f) && !declaredFiles.has(f)));
  const inChains = new Set(chains.flat());
  // A file another one includes or extends runs as part of that one, not on its own.
  const mergedInto = new Set(compose.flatMap((f) => files.get(f)?.compose?.merges ?? []));
  const seen = new Set<string>();
  const add = (members: readonly string[], alone: boolean) => {
    const all = withMerged(members, files, exists, alone);
    const key = all.join('\n');
    if (!all.length || seen.has(key)) return;
    seen.add(key);
    projects.push(project(all));
  };
  for (const chain of chains) add(chain, chain.length === 1);
  for (const file of compose) {
    if (inChains.has(file) || declaredFiles.has(file) || mergedInto.has(file) || baseOf(file, exists)) continue;
    add([file], true);
  }
  return [...projects.filter((p) => p.files.length > 0), ...fragmentMenus(files)];
}

/**
 * Fragments kept one per folder of a templates folder (`.templates/<name>/service.yml`) form one
 * menu, beside ones kept side by side in a folder: each menu is a context whose services may be
 * installed into one project together.
 */
function fragmentMenus(files: ReadonlyMap<string, FileFacts>): RunContext[] {
  const menus = new Map<string, string[]>();
  const fragments = [...files.keys()].filter((p) => files.get(p)?.compose?.fragment).sort();
  const folders = new Set(fragments.map(dirname));
  for (const file of fragments) {
    // One fragment per folder: the menu is the folder above; several side by side: their own folder.
    const dir = dirname(file);
    const alone = fragments.filter((f) => dirname(f) === dir).length === 1;
    const menu = alone && dir && [...folders].some((f) => f !== dir && dirname(f) === dirname(dir)) ? dirname(dir) : dir;
    const list = menus.get(menu);
    if (list) list.push(file);
    else menus.set(menu, [file]);
  }
  return [...menus].map(([dir, members]) => ({
    id: `fragments:${dir}`,
    kind: 'compose' as const,
    label: `the Compose fragments in ${dir ? `${dir}/` : 'the workspace root'}`,
    files: members,
    dir,
    governed: !UNGOVERNED.test(dir),
    fragments: true,
  }));
}

/**
 * The files of a project with their `include:`/`extends:` files added, bounded and without repeats;
 * a file run alone also takes the override beside it (`-f` chains name their files, and Compose
 * then loads no override by itself).
 */
function withMerged(members: readonly string[], files: ReadonlyMap<string, FileFacts>, exists: ReadonlySet<string>, alone: boolean): string[] {
  const out: string[] = [];
  const queue = [...members];
  if (alone) {
    const override = overrideOf(members[0], exists);
    if (override) queue.push(override);
  }
  while (queue.length && out.length < 64) {
    const file = queue.shift()!;
    if (out.includes(file) || !exists.has(file)) continue;
    out.push(file);
    queue.push(...(files.get(file)?.compose?.merges ?? []));
  }
  return out;
}

/** The base a `*.override.yml` is merged into, when it sits beside it. */
function baseOf(file: string, exists: ReadonlySet<string>): string | undefined {
  const m = OVERRIDE.exec(basename(file));
  if (!m) return undefined;
  const dir = dirname(file);
  const candidates = [`${m[1]}.yml`, `${m[1]}.yaml`].map((name) => (dir ? `${dir}/${name}` : name));
  return candidates.find((c) => exists.has(c));
}

function overrideOf(file: string, exists: ReadonlySet<string>): string | undefined {
  const name = basename(file).replace(/\.(ya?ml)$/i, '');
  const dir = dirname(file);
  const candidates = [`${name}.override.yml`, `${name}.override.yaml`].map((n) => (dir ? `${dir}/${n}` : n));
  return candidates.find((c) => exists.has(c));
}

function project(projectFiles: readonly string[], declared?: ContextDeclaration): RunContext {
  const label = declared?.id ?? projectFiles.join(' + ');
  const governed = declared?.governed ?? !projectFiles.some((f) => UNGOVERNED.test(f));
  return {
    id: declared ? `context:${declared.id}` : `compose:${projectFiles.join('+')}`,
    kind: 'compose',
    label,
    files: projectFiles,
    dir: dirname(projectFiles[0] ?? ''),
    ...(declared?.host ? { host: declared.host } : {}),
    governed,
  };
}
