import picomatch from 'picomatch';
import type { FileFacts } from '../extract/extractor';
import type { PortOccurrence } from '../extract/occurrence';
import type { PortPlan, ServiceEntry } from '../plan/portPlan';
import { isComposePath, isDockerfilePath } from '../syntax/fileKinds';
import { normalizeServiceName } from '../syntax/names';
import { ancestors, basename, dirname, joinPath } from '../util/paths';

/**
 * Who an occurrence belongs to. `id` decides "same listener or two": a planned service is
 * `svc:<name>`; anything else is identified by where it lives (its project folder, or its Compose
 * service), so two unrelated `backend` folders are never mistaken for one service.
 */
export interface Owner {
  readonly id: string;
  readonly name: string;
  readonly service?: ServiceEntry;
  /**
   * The code runs in a container (a Dockerfile in its project folder, a Compose build context, or
   * a Compose project around it) and the plan does not place it on a host: its binds live in the
   * container's own network namespace.
   */
  readonly containerized: boolean;
}

/** Files whose presence marks a folder as one project (one service's root). */
const PROJECT_MARKERS = new Set([
  'package.json', 'go.mod', 'pyproject.toml', 'requirements.txt', 'setup.py', 'Cargo.toml', 'pom.xml', 'build.gradle',
  'build.gradle.kts', 'Gemfile', 'composer.json', 'Dockerfile', 'Containerfile', 'deno.json', 'mix.exs',
]);

interface ComposeService {
  readonly file: string;
  readonly key: string;
}

/** Resolves owners for every file of one workspace snapshot. Built once per snapshot; lookups are cached per folder. */
export class OwnershipResolver {
  readonly #byName = new Map<string, ServiceEntry>();
  readonly #pathMatchers: { service: ServiceEntry; match: (p: string) => boolean }[] = [];
  readonly #projectFolders = new Set<string>();
  readonly #dockerFolders = new Set<string>();
  readonly #composeDirs = new Set<string>();
  readonly #declaredNames = new Map<string, string>();
  readonly #buildContexts = new Map<string, ComposeService>();
  /** Host paths Compose services mount: the code there runs in that service's container. */
  readonly #mounts = new Map<string, ComposeService>();
  readonly #folderCache = new Map<string, Owner>();
  readonly #folders = new Set<string>();
  /** Occurrences of unchanged files are the same objects from one check to the next: their owners are kept. */
  readonly #owners = new WeakMap<PortOccurrence, Owner>();
  readonly #normalized = new Map<string, string>();

  constructor(readonly plan: PortPlan | undefined, files: Iterable<[string, FileFacts]>) {
    for (const service of plan?.services ?? []) {
      this.#byName.set(normalizeServiceName(service.name), service);
      if (service.paths?.length) this.#pathMatchers.push({ service, match: picomatch(service.paths as string[], { dot: true }) });
    }
    for (const [path, facts] of files) {
      const name = basename(path);
      const dir = dirname(path);
      for (const folder of ancestors(path)) this.#folders.add(folder);
      if (PROJECT_MARKERS.has(name) || /\.(csproj|fsproj)$/.test(name)) this.#projectFolders.add(dir);
      if (isDockerfilePath(path)) this.#dockerFolders.add(dir);
      if (isComposePath(path)) this.#composeDirs.add(dir);
      if (facts.declaredName && name === 'package.json') this.#declaredNames.set(dir, facts.declaredName);
      for (const [key, context] of facts.buildContexts ?? []) this.#buildContexts.set(context, { file: path, key });
      for (const [source, key] of facts.mounts ?? []) this.#mounts.set(source, { file: path, key });
    }
  }

  /** The planned service with this (loosely compared) name. */
  service(name: string): ServiceEntry | undefined {
    return this.#byName.get(this.normalize(name));
  }

  /** `normalizeServiceName`, memoised: the same few hundred names are compared on every check. */
  normalize(name: string): string {
    let n = this.#normalized.get(name);
    if (n === undefined) {
      n = normalizeServiceName(name);
      this.#normalized.set(name, n);
    }
    return n;
  }

  ownerOf(occ: PortOccurrence): Owner {
    let owner = this.#owners.get(occ);
    if (!owner) {
      owner = this.#resolve(occ);
      this.#owners.set(occ, owner);
    }
    return owner;
  }

  #resolve(occ: PortOccurrence): Owner {
    const byPath = this.#pathMatchers.find((m) => m.match(occ.file));
    if (byPath) return plannedOwner(byPath.service);
    if (occ.ownerHint?.includes('/')) {
      const target = this.#resolveHintPath(occ.file, occ.ownerHint);
      if (target !== undefined) return this.#folderOwner(target, undefined);
    }
    if (occ.ownerHint) {
      const hinted = this.service(occ.ownerHint);
      if (hinted) return plannedOwner(hinted);
      if (isComposePath(occ.file)) return this.#composeOwner({ file: occ.file, key: occ.ownerHint });
      const folder = this.#contextOf(occ.ownerHint) ?? this.#projectNamed(occ.ownerHint);
      if (folder !== undefined) return this.#folderOwner(folder, occ.ownerHint);
      // A manifest naming many workloads (Kubernetes, PM2) gives each its own identity.
      if (basename(occ.file) !== 'package.json') return { id: `named:${normalizeServiceName(occ.ownerHint)}`, name: occ.ownerHint, containerized: false };
    }
    const byFolder = this.#folderOwner(dirname(occ.file), occ.ownerHint);
    if (byFolder.service) return byFolder;
    // Code Compose mounts into a service (an nginx.conf in ./nginx) runs in that service's container.
    const mounted = ancestors(`${occ.file}/x`).find((p) => p !== '' && this.#mounts.has(p));
    if (mounted === undefined) return byFolder;
    const svc = this.#mounts.get(mounted)!;
    const planned = this.service(svc.key);
    return planned ? plannedOwner(planned) : this.#composeOwner(svc);
  }

  /**
   * A start script names what it runs (`PORT=4101 node services/auth/dist/server.js`): the port
   * belongs to that code. The path is tried from the workspace root, then from the script's folder.
   */
  #resolveHintPath(file: string, hint: string): string | undefined {
    for (const candidate of [joinPath(hint), joinPath(dirname(file), hint)]) {
      const folder = ancestors(candidate).find((f) => f !== '' && this.#folders.has(f));
      if (folder !== undefined) return folder;
    }
    return undefined;
  }

  /**
   * The one project folder named like a workload (`src/productcatalogservice` for the Deployment
   * `productcatalogservice`): the manifest runs that code. Ambiguous names match nothing.
   */
  #projectNamed(name: string): string | undefined {
    const wanted = this.normalize(name);
    const matches = [...this.#projectFolders].filter((f) => f && this.normalize(basename(f)) === wanted);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** The folder a runner (Compose `build`, PM2 `cwd`/`script`) says a named service's code is in. */
  #contextOf(name: string): string | undefined {
    for (const [context, svc] of this.#buildContexts) if (svc.key === name) return context;
    return undefined;
  }

  #composeOwner(svc: ComposeService): Owner {
    // A Compose service built from a folder is the code in that folder: one listener, not two.
    for (const [context, other] of this.#buildContexts) {
      if (other.file === svc.file && other.key === svc.key) return this.#folderOwner(context, svc.key);
    }
    // docker-compose.yml and its .override/.prod variants in one folder describe the same services.
    return { id: `compose:${dirname(svc.file)}#${svc.key}`, name: svc.key, containerized: true };
  }

  #folderOwner(dir: string, hint: string | undefined): Owner {
    const cacheKey = `${dir}\u0000${hint ?? ''}`;
    const cached = this.#folderCache.get(cacheKey);
    if (cached) return cached;
    const owner = this.#resolveFolder(dir, hint);
    this.#folderCache.set(cacheKey, owner);
    return owner;
  }

  #resolveFolder(dir: string, hint: string | undefined): Owner {
    const chain = ancestors(`${dir}/x`);
    for (const folder of chain) {
      const match = this.#plannedFolder(folder);
      if (match) return plannedOwner(match);
    }
    const built = chain.map((f) => this.#buildContexts.get(f)).find(Boolean);
    const project = chain.find((f) => this.#projectFolders.has(f) || this.#buildContexts.has(f)) ?? meaningfulFolder(dir);
    const name = built?.key ?? this.#declaredNames.get(project) ?? hint ?? (basename(meaningfulFolder(project)) || '(workspace root)');
    const containerized = Boolean(built && isComposePath(built.file)) || chain.some((f) => this.#dockerFolders.has(f) && f.startsWith(project)) || this.#insideComposeProject(chain);
    return { id: `dir:${project}`, name, containerized };
  }

  /** The planned service a folder is: by its name, its package name, or the app a runner starts there. */
  #plannedFolder(folder: string): ServiceEntry | undefined {
    if (!folder) return undefined;
    const declared = this.#declaredNames.get(folder);
    const built = this.#buildContexts.get(folder)?.key;
    for (const name of [basename(folder), declared, declared && scopedName(declared), built]) {
      const match = name && this.service(name);
      if (match) return match;
    }
    return undefined;
  }

  /** Code below a folder holding a Compose file (not the workspace root) runs as that project's containers. */
  #insideComposeProject(chain: readonly string[]): boolean {
    return chain.some((f) => f !== '' && this.#composeDirs.has(f));
  }
}

/** Folders that name a role inside a project, not a project: `services/mana-llm/app` is mana-llm. */
const GENERIC_FOLDERS = new Set(['app', 'src', 'lib', 'cmd', 'server', 'internal', 'api', 'bin', 'main', 'pkg', 'source', 'code', 'templates']);

function meaningfulFolder(dir: string): string {
  let folder = dir;
  while (folder && GENERIC_FOLDERS.has(basename(folder)) && dirname(folder)) folder = dirname(folder);
  return folder;
}

/** `@chat/server` also reads as `chat-server`, the way plans name such packages. */
function scopedName(name: string): string | undefined {
  const m = /^@([^/]+)\/(.+)$/.exec(name);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/** The owner every occurrence of a planned service resolves to. */
export function plannedOwner(service: ServiceEntry): Owner {
  return { id: `svc:${normalizeServiceName(service.name)}`, name: service.name, service, containerized: false };
}
