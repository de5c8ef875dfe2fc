import picomatch from 'picomatch';
import type { ComposeServiceFacts, FileFacts } from '../extract/extractor';
import type { PortOccurrence } from '../extract/occurrence';
import type { PortPlan, ServiceEntry } from '../plan/portPlan';
import { isComposePath, isDockerfilePath } from '../syntax/fileKinds';
import { normalizeServiceName } from '../syntax/names';
import { ancestors, basename, dirname, joinPath } from '../util/paths';

/**
 * Who an occurrence belongs to. `id` decides "same listener or two": a planned service is
 * `svc:<name>`; a Compose service is `compose:<folder>#<key>` (the same key in sibling Compose files
 * of one folder is one service); anything else is identified by where it lives (its project folder),
 * so two unrelated `backend` folders are never mistaken for one service.
 */
export interface Owner {
  readonly id: string;
  readonly name: string;
  readonly service?: ServiceEntry;
  /**
   * The code runs in a container (a Compose service or Kubernetes workload runs it, or a Dockerfile
   * sits in its folder): a port its source defaults to is the container's, unless it also runs on its own.
   */
  readonly containerized: boolean;
}

/** Files whose presence marks a folder as one project (one service's root). */
const PROJECT_MARKERS = new Set([
  'package.json', 'go.mod', 'pyproject.toml', 'requirements.txt', 'setup.py', 'Cargo.toml', 'pom.xml', 'build.gradle',
  'build.gradle.kts', 'Gemfile', 'composer.json', 'Dockerfile', 'Containerfile', 'deno.json', 'mix.exs',
]);

/** Folders that name a role inside a project, not a project: `services/mana-llm/app` is mana-llm. */
const ROLE_FOLDERS = new Set(['app', 'src', 'lib', 'cmd', 'server', 'internal', 'api', 'bin', 'main', 'pkg', 'source', 'code', 'templates', 'dist', 'build']);
/** Folders that keep Dockerfiles for services that live elsewhere (`docker/reports.Dockerfile`). */
const DOCKER_FOLDERS = new Set(['docker', 'dockerfiles', '.docker', 'deploy', 'deployment', 'build', 'ci', 'infra', 'ops', 'containers']);
/** Folders that hold many projects: never a service's name; the folder just below one is (`services/api` is api). */
const COLLECTION_FOLDERS = new Set(['services', 'apps', 'packages', 'libs', 'modules', 'projects', 'cmd', 'src', 'servers', 'microservices', 'tools', 'stacks', 'components', 'plugins', 'workers']);

/** A Compose service as ownership sees it: where it is defined and the names it answers to. */
export interface ComposeIdentity {
  readonly folder: string;
  readonly key: string;
  readonly names: readonly string[];
}

/**
 * What ownership reads of the tree's shape alone: every folder, and the folders that files mark as
 * a project, as holding a Dockerfile or a Compose file, or as a package with a declared name. It
 * follows from the paths and the packages' names, so the engine keeps it while only facts inside
 * files change: walking every path of a large tree again was most of an edit of a Compose file.
 */
export class FolderLayout {
  readonly folders = new Set<string>();
  readonly projectFolders = new Set<string>();
  readonly dockerFolders = new Set<string>();
  readonly composeFolders = new Set<string>();
  readonly declaredNames = new Map<string, string>();

  constructor(files: ReadonlyMap<string, FileFacts>) {
    for (const [path, facts] of files) {
      const name = basename(path);
      const dir = dirname(path);
      this.#addFolders(dir);
      this.folders.add(path);
      if (PROJECT_MARKERS.has(name) || /\.(csproj|fsproj)$/.test(name)) this.projectFolders.add(dir);
      if (isDockerfilePath(path)) this.dockerFolders.add(dir);
      if (isComposePath(path)) this.composeFolders.add(dir);
      if (facts.declaredName && name === 'package.json') this.declaredNames.set(dir, facts.declaredName);
    }
  }

  /** A folder and its parents, up to the first one already known (its parents are, too): each folder is met once, not once per file below it. */
  #addFolders(folder: string): void {
    for (let dir = folder; !this.folders.has(dir); dir = dirname(dir)) {
      this.folders.add(dir);
      if (!dir) return;
    }
  }
}

/** Resolves owners for every file of one workspace snapshot. Built once per snapshot; lookups are cached. */
export class OwnershipResolver {
  readonly #byName = new Map<string, ServiceEntry>();
  readonly #pathMatchers: { service: ServiceEntry; match: (p: string) => boolean }[] = [];
  readonly #projectFolders: ReadonlySet<string>;
  readonly #dockerFolders: ReadonlySet<string>;
  readonly #composeFolders: ReadonlySet<string>;
  readonly #declaredNames: ReadonlyMap<string, string>;
  /** Project folders a Kubernetes workload of the same name runs: the workload's name is the service's. */
  readonly #workloadNames = new Map<string, string>();
  /** Code a runner says is a service's: a Compose service's build folder and mounts, a PM2 app's script and folder. */
  readonly #claims = new Map<string, Owner | null>();
  readonly #folders: ReadonlySet<string>;
  readonly #compose = new Map<string, Owner>();
  /** Files with Compose facts: Compose files by name, and fragments by content. */
  readonly #composeFiles = new Set<string>();
  readonly #folderCache = new Map<string, Owner>();
  /** Occurrences of unchanged files are the same objects from one check to the next: their owners are kept. */
  readonly #owners = new WeakMap<PortOccurrence, Owner>();
  readonly #normalized = new Map<string, string>();

  /**
   * `layout` must be that of `files`: the engine passes the one it keeps while the paths and package
   * names stay put. `shaping`: the files of `files` whose facts may shape others, in the same order.
   */
  constructor(
    readonly plan: PortPlan | undefined,
    files: ReadonlyMap<string, FileFacts>,
    layout = new FolderLayout(files),
    shaping = files,
  ) {
    for (const service of plan?.services ?? []) {
      this.#byName.set(normalizeServiceName(service.name), service);
      if (service.paths?.length) this.#pathMatchers.push({ service, match: picomatch(service.paths as string[], { dot: true }) });
    }
    this.#folders = layout.folders;
    this.#projectFolders = layout.projectFolders;
    this.#dockerFolders = layout.dockerFolders;
    this.#composeFolders = layout.composeFolders;
    this.#declaredNames = layout.declaredNames;
    const workloads = new Set<string>();
    for (const facts of shaping.values()) {
      for (const occ of facts.occurrences) if (occ.source === 'k8s' && occ.ownerHint) workloads.add(occ.ownerHint);
    }
    for (const workload of workloads) {
      const folder = this.#projectNamed(workload);
      if (folder !== undefined) this.#workloadNames.set(folder, workload);
    }
    for (const [path, facts] of shaping) if (facts.compose) this.#composeFiles.add(path);
    for (const [path, facts] of shaping) {
      if (facts.compose?.fragment) continue;
      for (const service of facts.compose?.services ?? []) this.#claimComposeCode(path, service, files);
      for (const run of facts.runs ?? []) {
        const path = run.fromRoot !== undefined && !this.#folders.has(run.path) && this.#folders.has(run.fromRoot) ? run.fromRoot : run.path;
        this.#claim(path, this.#namedOwner(run.owner, false));
      }
    }
    // A menu's fragment is the service its installed copy is (`docker-compose.yml` holds the chosen ones).
    for (const [path, facts] of shaping) {
      if (facts.compose?.fragment) for (const service of facts.compose.services) this.#claimFragment(path, service, files);
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

  /** The owner of a Compose service defined in `file` under `key`. */
  composeOwner(file: string, key: string): Owner {
    return this.#compose.get(composeKey(dirname(file), key)) ?? this.#composeIdentity(dirname(file), key, [key]);
  }

  /** Whether a path is a file of the workspace or a folder holding one. */
  hasPath(path: string): boolean {
    return this.#folders.has(path);
  }

  /** The owner of the code in a file or folder (what a script starts, what a runner claims). */
  ownerOfPath(path: string): Owner {
    return this.#pathOwner(path, undefined);
  }

  #resolve(occ: PortOccurrence): Owner {
    const byPath = this.#pathMatchers.find((m) => m.match(occ.file));
    if (byPath) return plannedOwner(byPath.service);
    if (occ.ownerHint && this.#composeFiles.has(occ.file)) return this.composeOwner(occ.file, occ.ownerHint);
    if (occ.ownerHint?.includes('/')) {
      const target = this.#resolveHintPath(occ.file, occ.ownerHint);
      if (target !== undefined) return this.#pathOwner(target, undefined);
    }
    if (occ.ownerHint && basename(occ.file) !== 'package.json') {
      // A manifest naming many workloads (Kubernetes, PM2) gives each its own identity; a Kubernetes workload runs in pods.
      return this.#namedOwner(occ.ownerHint, occ.source === 'k8s');
    }
    return this.#pathOwner(occ.file, occ.ownerHint);
  }

  /**
   * A service a manifest or runner names (a Kubernetes workload, a PM2 app): planned by its name,
   * else the one project folder whose name it is, else an identity of its own.
   */
  #namedOwner(name: string, containerized: boolean): Owner {
    const planned = this.service(name);
    if (planned) return plannedOwner(planned);
    const folder = this.#projectNamed(name);
    if (folder !== undefined) return { ...this.#folderOwner(folder, name), name };
    return { id: `named:${normalizeServiceName(name)}`, name, containerized };
  }

  /**
   * A Compose service is its key in its folder (alternatives such as `docker-compose.build.yml` beside
   * `docker-compose.yml` describe the same services), named by its key, `container_name` or
   * `hostname` where the plan knows one of those. A Compose file inside a planned service's folder
   * is that service's private stack: its `minio` is not the plan's shared `minio`.
   */
  #composeIdentity(folder: string, key: string, names: readonly string[], image?: ImageMatch): Owner {
    const cached = this.#compose.get(composeKey(folder, key));
    if (cached) return cached;
    const privateTo = folder ? this.#plannedAncestor(folder) : undefined;
    const planned = privateTo && !names.some((n) => this.normalize(n) === this.normalize(privateTo.name)) ? undefined : (names.map((n) => this.service(n)).find(Boolean) ?? this.#plannedImage(image));
    const owner: Owner = planned ? plannedOwner(planned) : { id: `compose:${composeKey(folder, key)}`, name: privateTo ? `${key} (${privateTo.name})` : key, containerized: true };
    this.#compose.set(composeKey(folder, key), owner);
    return owner;
  }

  /** A fragment's service: the installed service of that key when a Compose file has one, else a service of its own. */
  #claimFragment(file: string, service: ComposeServiceFacts, files: ReadonlyMap<string, FileFacts>): void {
    const installed = [...this.#compose.entries()].find(([id]) => id.endsWith(`#${service.key}`))?.[1];
    if (installed) this.#compose.set(composeKey(dirname(file), service.key), installed);
    else this.#claimComposeCode(file, service, files);
  }

  /**
   * A third-party image under a name of its own (`db`, `container_name: portos-db`) that the plan
   * lists by what it is (`POSTGRES_DOCKER: 5561`): the one plan entry whose name holds the image's
   * family and which plans a port the service publishes. Both must hold, so that a `db` never takes
   * another service's planned port by name alone.
   */
  #plannedImage(image: ImageMatch | undefined): ServiceEntry | undefined {
    if (!image?.family || !image.published.size) return undefined;
    const matches = (this.plan?.services ?? []).filter(
      (s) => this.normalize(s.name).split('-').map(familyOf).includes(image.family!) && s.ports.some((p) => image.published.has(p.port)),
    );
    return matches.length === 1 ? matches[0] : undefined;
  }

  /**
   * The code a Compose service runs: the folder of a Dockerfile that sits in its service's folder
   * (`services/notify/Dockerfile`, even when built from the repository root); for a Dockerfile kept
   * in the build context's root or in a `docker/` folder, the folders it copies (`COPY reports ./`),
   * else the context itself; mounted files and folders. A service built from the repository root
   * (`context: .`) does not own the whole repository.
   */
  #claimComposeCode(file: string, service: ComposeServiceFacts, files: ReadonlyMap<string, FileFacts>): void {
    const names = [service.key, service.containerName, service.hostname].filter((n): n is string => Boolean(n));
    const image = service.image ? { family: imageFamily(service.image), published: publishedPorts(files.get(file), service.key) } : undefined;
    const owner = this.#composeIdentity(dirname(file), service.key, names, image);
    this.#compose.set(composeKey(dirname(file), service.key), owner);
    for (const mount of service.mounts) this.#claim(mount, owner);
    const build = service.build;
    if (!build) {
      // An image built elsewhere (CI) from the folder named like the service beside the Compose file: that folder is its code.
      const named = joinPath(dirname(file), service.key);
      if (this.#folders.has(named) && !isFile(named)) this.#claim(named, owner);
      return;
    }
    const dockerfile = build.dockerfile ?? joinPath(build.context, 'Dockerfile');
    if (files.has(dockerfile)) this.#claim(dockerfile, owner);
    const home = dirname(dockerfile);
    if (home !== build.context && !DOCKER_FOLDERS.has(basename(home))) {
      this.#claim(home, owner);
      return;
    }
    const copiedFolders = (files.get(dockerfile)?.copies ?? [])
      .map((c) => joinPath(build.context, c))
      .filter((c) => c !== build.context && this.#folders.has(c) && !isFile(c));
    for (const folder of copiedFolders) this.#claim(folder, owner);
    if (!copiedFolders.length) this.#claim(build.context, owner);
  }

  /** A second, different claim on one path makes it nobody's in particular (two PM2 apps with one `cwd`). */
  #claim(path: string, owner: Owner): void {
    const current = this.#claims.get(path);
    if (current === undefined) this.#claims.set(path, owner);
    else if (current && current.id !== owner.id) this.#claims.set(path, null);
  }

  /**
   * A start script names what it runs (`PORT=4101 node services/auth/dist/server.js`): the port
   * belongs to that code. The path is tried from the workspace root, then from the script's folder.
   */
  #resolveHintPath(file: string, hint: string): string | undefined {
    for (const candidate of [joinPath(hint), joinPath(dirname(file), hint)]) {
      if (this.#folders.has(candidate)) return candidate;
      const folder = ancestors(candidate).find((f) => f !== '' && this.#folders.has(f));
      if (folder !== undefined) return folder;
    }
    return undefined;
  }

  /**
   * The one project folder named like a workload (`src/productcatalogservice` for the Deployment
   * `productcatalogservice`, `src/cartservice/src` for `cartservice`): the manifest runs that code.
   * Ambiguous names match nothing.
   */
  #projectNamed(name: string): string | undefined {
    const wanted = this.normalize(name);
    const matches = [...this.#projectFolders].filter((f) => f && this.normalize(meaningfulName(f)) === wanted);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** A file's or folder's owner: its own claim, else the nearest folder that is planned, claimed or a project. */
  #pathOwner(path: string, hint: string | undefined): Owner {
    const own = this.#claims.get(path);
    if (own) return own;
    return this.#folderOwner(this.#folders.has(path) && !isFile(path) ? path : dirname(path), hint);
  }

  #folderOwner(dir: string, hint: string | undefined): Owner {
    const cacheKey = `${dir}\u0000${hint ?? ''}`;
    const cached = this.#folderCache.get(cacheKey);
    if (cached) return cached;
    const owner = this.#resolveFolder(dir, hint);
    this.#folderCache.set(cacheKey, owner);
    return owner;
  }

  /** Walking up from `dir`, the first folder that says who it is decides: the plan, a runner's claim, a project marker. */
  #resolveFolder(dir: string, hint: string | undefined): Owner {
    const chain = ancestors(`${dir}/x`);
    for (const folder of chain) {
      const planned = this.#plannedFolder(folder);
      if (planned) return plannedOwner(planned);
      const claimed = this.#claims.get(folder);
      if (claimed && folder !== '') return claimed;
      if (this.#projectFolders.has(folder) && folder !== '') return this.#projectOwner(folder, chain, hint);
    }
    const claimedRoot = this.#claims.get('');
    if (claimedRoot) return claimedRoot;
    const project = meaningfulFolder(dir);
    return this.#projectOwner(project, chain, hint);
  }

  #projectOwner(project: string, chain: readonly string[], hint: string | undefined): Owner {
    const name = this.#workloadNames.get(project) ?? this.#declaredNames.get(project) ?? hint ?? (meaningfulName(project) || '(workspace root)');
    const containerized = chain.some((f) => this.#dockerFolders.has(f) && f.startsWith(project)) || chain.some((f) => f !== '' && this.#composeFolders.has(f));
    return { id: `dir:${project}`, name, containerized };
  }

  /** The planned service a folder is: by its name, its package name, or the app a runner starts there. */
  #plannedFolder(folder: string): ServiceEntry | undefined {
    if (!folder) return undefined;
    const declared = this.#declaredNames.get(folder);
    for (const name of [basename(folder), declared, declared && scopedName(declared)]) {
      const match = name && this.service(name);
      if (match) return match;
    }
    return undefined;
  }

  #plannedAncestor(folder: string): ServiceEntry | undefined {
    for (const f of ancestors(`${folder}/x`)) {
      const planned = this.#plannedFolder(f);
      if (planned) return planned;
    }
    return undefined;
  }
}

/** What a Compose service's image says about it, for `#plannedImage`. */
interface ImageMatch {
  readonly family: string | undefined;
  readonly published: ReadonlySet<number>;
}

/** Images that are one product under another name: `pgvector/pgvector` is a PostgreSQL. */
const IMAGE_FAMILIES: Readonly<Record<string, string>> = {
  postgresql: 'postgres', pgvector: 'postgres', postgis: 'postgres', timescaledb: 'postgres', pg: 'postgres',
  mariadb: 'mysql', percona: 'mysql', valkey: 'redis', keydb: 'redis', dragonfly: 'redis', mongodb: 'mongo',
  rabbit: 'rabbitmq', elastic: 'elasticsearch', opensearch: 'elasticsearch',
};

function familyOf(word: string): string {
  return IMAGE_FAMILIES[word] ?? word;
}

/** `pgvector/pgvector:pg16` → `postgres`; `bitnami/redis-cluster:7` → `redis`. */
function imageFamily(image: string): string | undefined {
  const repo = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  const word = basename(repo).toLowerCase().split(/[-_.]/)[0];
  return word && !word.includes('$') ? familyOf(word) : undefined;
}

/** Host ports a Compose file publishes for one service. */
function publishedPorts(facts: FileFacts | undefined, key: string): Set<number> {
  return new Set((facts?.occurrences ?? []).filter((o) => o.kind === 'publish' && o.ownerHint === key).map((o) => o.port));
}

function composeKey(folder: string, key: string): string {
  return `${folder}#${key}`;
}

/** Workspace paths of files have an extension or a name with a dot; folders are what `ancestors` yields. */
function isFile(path: string): boolean {
  return /\.[^/]+$/.test(basename(path)) || /^(Dockerfile|Containerfile|Makefile|Procfile)$/.test(basename(path));
}

/** A folder with its role folders climbed over (`services/mana-llm/app` → `services/mana-llm`), never past a collection folder. */
function meaningfulFolder(dir: string): string {
  let folder = dir;
  while (folder && ROLE_FOLDERS.has(basename(folder)) && dirname(folder) && !COLLECTION_FOLDERS.has(basename(dirname(folder)))) folder = dirname(folder);
  return folder;
}

/** The name a folder gives its service: `services/api` → `api`, `services/mana-llm/app` → `mana-llm`, never `services`. */
function meaningfulName(dir: string): string {
  return basename(meaningfulFolder(dir));
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
