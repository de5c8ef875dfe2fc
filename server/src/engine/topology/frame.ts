import type { ComposeServiceFacts, FileFacts } from '../extract/extractor';
import type { ContextDeclaration } from '../plan/portPlan';
import { isComposePath, isDotenvPath } from '../syntax/fileKinds';
import { basename, dirname } from '../util/paths';
import { composeProjects, type RunContext } from './contexts';
import { composeEnv, type ComposeEnv } from './envFiles';
import type { OwnershipResolver } from './ownership';
import type { ProjectService } from './topology';

/** A Compose service of one project as its files define it; a topology adds where it listens. */
export type ServiceDefinition = Pick<ProjectService, 'key' | 'owner' | 'project' | 'facts' | 'names' | 'portsComplete'>;

/**
 * What a topology takes from the shape of the workspace alone (everything of a file's facts but
 * its occurrences): the Compose projects and their services' definitions, who is started on its
 * own, and which files the env and Kubernetes views read. A keystroke that only moves ports keeps it, so a rebuild of the topology
 * does not walk every file of a large tree again.
 */
export class TopologyFrame {
  readonly projects: readonly RunContext[];
  readonly projectsOfFile = new Map<string, RunContext[]>();
  /** Owners whose code a script, an npm script, PM2 or a Procfile starts directly. */
  readonly startedOnItsOwn = new Set<string>();
  /** The files the Compose env view reads: env files, files that copy one, Compose files. */
  readonly envPaths: readonly string[];
  /** Files with Kubernetes objects or read problems, in index order. */
  readonly objectPaths: readonly string[];
  #env: { readonly inputs: readonly (FileFacts | undefined)[]; readonly value: ComposeEnv } | undefined;
  /** Each project's Compose services (by `project#key`), merged over the project's files: their definitions, not yet their ports. */
  readonly services = new Map<string, ServiceDefinition>();

  /** `files`: the files whose facts may shape others (see `WorkspaceIndex.shapingFacts`), in index order; all of them will do. */
  constructor(files: ReadonlyMap<string, FileFacts>, ownership: OwnershipResolver, declared?: readonly ContextDeclaration[]) {
    this.projects = composeProjects(files, declared);
    for (const project of this.projects) {
      for (const file of project.files) {
        const list = this.projectsOfFile.get(file);
        if (list) list.push(project);
        else this.projectsOfFile.set(file, [project]);
      }
    }
    this.#collectStarts(files, ownership);
    this.#collectServices(files, ownership);
    const env: string[] = [];
    const objects: string[] = [];
    for (const [path, facts] of files) {
      if (facts.envCopies?.length || isDotenvPath(path) || (facts.compose && isComposePath(path))) env.push(path);
      if (facts.kubernetes?.length || facts.problems) objects.push(path);
    }
    this.envPaths = env;
    this.objectPaths = objects;
  }

  /** The env view of the current facts; the last one while none of the files it reads was read again (it is pure over them). */
  envOf(files: ReadonlyMap<string, FileFacts>): ComposeEnv {
    const inputs = this.envPaths.map((path) => files.get(path));
    if (!this.#env || inputs.some((facts, i) => facts !== this.#env!.inputs[i])) {
      const read = new Map<string, FileFacts>();
      for (let i = 0; i < inputs.length; i++) if (inputs[i]) read.set(this.envPaths[i], inputs[i]!);
      this.#env = { inputs, value: composeEnv(read) };
    }
    return this.#env.value;
  }

  /** An override adds to the base's definition of a service. */
  #collectServices(files: ReadonlyMap<string, FileFacts>, ownership: OwnershipResolver): void {
    for (const project of this.projects) {
      for (const file of project.files) {
        for (const facts of files.get(file)?.compose?.services ?? []) {
          const id = `${project.id}#${facts.key}`;
          const existing = this.services.get(id);
          const names = [facts.key, facts.containerName, facts.hostname].filter((n): n is string => Boolean(n));
          if (existing) {
            const merged = mergeService(existing.facts, facts);
            this.services.set(id, { ...existing, facts: merged, names: [...new Set([...existing.names, ...names])], portsComplete: declaresAll(merged) });
            continue;
          }
          this.services.set(id, { key: facts.key, owner: ownership.composeOwner(file, facts.key), project, facts, names, portsComplete: declaresAll(facts) });
        }
      }
    }
  }

  #collectStarts(files: ReadonlyMap<string, FileFacts>, ownership: OwnershipResolver): void {
    // `turbo run dev` starts the packages of its own repository, not of every tree below the workspace root.
    const runnerRoots = [...files].filter(([, f]) => f.startsWorkspaces).map(([p]) => dirname(p));
    for (const [path, facts] of files) {
      if (!facts.starts?.length && !facts.devScript) continue;
      // A package's own scripts may be what its container runs (`command: npm run start-watch`): only
      // what they start in another package counts, as a script's or a Makefile's does.
      const self = basename(path) === 'package.json' ? ownership.ownerOfPath(path).id : undefined;
      for (const started of facts.starts ?? []) {
        if (!ownership.hasPath(started)) continue;
        const owner = ownership.ownerOfPath(started).id;
        if (owner !== self) this.startedOnItsOwn.add(owner);
      }
      if (facts.devScript && runnerRoots.some((root) => root !== dirname(path) && (root === '' || path.startsWith(`${root}/`)))) this.startedOnItsOwn.add(ownership.ownerOfPath(path).id);
    }
  }
}

/** A service built from the workspace, or one whose definition lists what it listens on. */
function declaresAll(facts: ComposeServiceFacts): boolean {
  return Boolean(facts.build || facts.declaresPorts);
}

/** An override file adds to its base: profiles and flags from the later file win, lists are joined. */
function mergeService(base: ComposeServiceFacts, over: ComposeServiceFacts): ComposeServiceFacts {
  return {
    ...base,
    ...over,
    profiles: over.profiles.length ? over.profiles : base.profiles,
    hostNetwork: over.hostNetwork || base.hostNetwork,
    mounts: [...base.mounts, ...over.mounts],
    envFiles: [...base.envFiles, ...over.envFiles],
    variablePorts: [...base.variablePorts, ...over.variablePorts],
    declaresPorts: base.declaresPorts || over.declaresPorts,
    envHosts: [...(base.envHosts ?? []), ...(over.envHosts ?? [])],
  };
}
