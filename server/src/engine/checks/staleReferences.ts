import type { PortOccurrence } from '../extract/occurrence';
import type { ServiceEntry } from '../plan/portPlan';
import { isTestFile } from '../syntax/fileKinds';
import { isThisMachine } from '../syntax/hosts';
import { isAllowListKey, isGenericServiceName, normalizeServiceName, serviceNameFromKey } from '../syntax/names';
import { describeContext, OWN_CONTEXT, type RunContext } from '../topology/contexts';
import { formatLocation } from '../topology/listeners';
import type { Owner } from '../topology/ownership';
import type { Topology } from '../topology/topology';
import type { Finding } from './finding';

/**
 * `stale-reference`: a reference that points where its target does not listen, judged where the
 * referrer runs. Inside a Compose project a service name means that service's container there
 * (`http://api:8000`, not the host port); from a dev `.env`, a source default or a script,
 * `localhost` means what listens on the developer's machine. What really listens decides: a URL that
 * agrees with the listener is right even when the plan says otherwise (that disagreement is the
 * listener's drift), and one that agrees with the plan but not with the listener is stale.
 */
export function checkStaleReferences(topology: Topology): Finding[] {
  const findings: Finding[] = [];
  for (const occ of judgedReferences(topology)) {
    const finding = checkReference(topology, occ);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The references the check judges, in file order. */
export function* judgedReferences(topology: Topology): IterableIterator<PortOccurrence> {
  for (const [path, occurrences] of topology.occurrencesByFile) yield* judgedIn(topology, path, occurrences);
}

/** The references of one file the check judges. */
export function judgedIn(topology: Topology, path: string, occurrences: readonly PortOccurrence[]): PortOccurrence[] {
  // Tests point at mock servers and fixtures on ports of their own: not the team's wiring.
  if (topology.planFiles.has(path) || isTestFile(path)) return [];
  // A Compose project's `*_PORT=` setting is no reference: the env-template check compares the documented ones.
  return occurrences.filter((occ) => occ.kind === 'reference' && !occ.deliberate && !(occ.key && isAllowListKey(occ.key)) && !topology.env.settings.has(occ));
}

/** What a reference's verdict may look at besides its port: names (raw and normalised) and owner ids. */
export interface ReferenceSubjects {
  readonly names: readonly string[];
  readonly owners: readonly string[];
}

/**
 * Whom a reference's verdict may consult: the service its key names, its host, whom the key
 * resolves to, and its own owner (whose containers it may run in). A reference none of whose
 * subjects an edit touched keeps its verdict.
 */
export function subjectsOf(topology: Topology, occ: PortOccurrence): ReferenceSubjects {
  const normalize = (n: string) => topology.ownership.normalize(n);
  const named = occ.key ? serviceNameFromKey(occ.key) : undefined;
  const asked = [named, occ.host].filter((n): n is string => Boolean(n));
  const names = [...asked, ...asked.map(normalize)];
  const owners = [topology.ownerOf(occ).id];
  const target = named ? targetNamed(topology, named) : undefined;
  if (target) {
    names.push(normalize(target.owner.name), ...(target.owner.service ? [normalize(target.owner.service.name)] : []));
    owners.push(target.owner.id);
  }
  return { names, owners };
}

/** What a reference is judged to be in one context. */
type Verdict = { readonly kind: 'ok' } | { readonly kind: 'unknown' } | { readonly kind: 'stale'; readonly finding: Finding };

const OK: Verdict = { kind: 'ok' };
const UNKNOWN: Verdict = { kind: 'unknown' };

/** The verdict on one reference: a stale-reference finding, or none. */
export function checkReference(topology: Topology, occ: PortOccurrence): Finding | undefined {
  const referrer = topology.ownerOf(occ);
  let stale: Finding | undefined;
  for (const context of referenceContexts(topology, occ, referrer)) {
    const verdict = judge(topology, occ, referrer, context);
    if (verdict.kind === 'ok') return undefined;
    if (verdict.kind === 'stale') stale ??= verdict.finding;
  }
  return stale;
}

/**
 * Where a reference is made: in a Compose file, that file's projects. In code, a service name is
 * looked up on the network of the projects that run the code. `localhost` is anyone's guess (a
 * browser runs a frontend's JavaScript, a script runs on the host), so it is judged on the
 * developer's machine, as references from dev `.env` files and scripts are — unless the projects
 * that run the code point that setting's service at a host outside the workspace
 * (`LLM_SERVICE_HOST: vllm.gpu.internal`): the default then names someone else's server.
 */
function referenceContexts(topology: Topology, occ: PortOccurrence, referrer: Owner): readonly RunContext[] {
  if (topology.isComposeFile(occ.file)) return topology.projectsOf(occ.file);
  const projects = topology.contextsOf(referrer).filter((c) => c.kind === 'compose');
  if (projects.length && occ.host && !isThisMachine(occ.host)) return projects;
  const named = occ.key ? serviceNameFromKey(occ.key) : undefined;
  if (named && projects.some((p) => pointedOutside(topology, p, referrer, named))) return [];
  return [OWN_CONTEXT];
}

/** The referrer's environment in `project` sends the service `name` to a host no service of the project answers to. */
function pointedOutside(topology: Topology, project: RunContext, referrer: Owner, name: string): boolean {
  const hosts = topology.serviceOf(project, referrer)?.facts.envHosts ?? [];
  return hosts.some((e) => serviceNameFromKey(e.key) === name && !isThisMachine(e.host) && !topology.serviceNamed(project, e.host));
}

function judge(topology: Topology, occ: PortOccurrence, referrer: Owner, context: RunContext): Verdict {
  const host = occ.host && !isThisMachine(occ.host) ? occ.host : undefined;
  if (context.kind === 'compose') return host ? judgeByName(topology, occ, context, host) : judgeLocalInProject(topology, occ, referrer, context);
  return host ? judgeElsewhere(topology, occ, host) : judgeOnDevMachine(topology, occ);
}

/** `http://api:8000` in a Compose project: the service of that name there, on its container ports. */
function judgeByName(topology: Topology, occ: PortOccurrence, project: RunContext, host: string): Verdict {
  const service = topology.serviceNamed(project, host);
  if (!service) return judgeElsewhere(topology, occ, host);
  const ports = new Set([...service.containerPorts, ...(service.facts.hostNetwork ? service.hostPorts : [])]);
  if (ports.has(occ.port) || ports.size === 0) return ports.size ? OK : UNKNOWN;
  // A third-party image may listen on more than it declares; only its host side used inside the network is surely wrong.
  if (!service.portsComplete && !service.hostPorts.has(occ.port)) return UNKNOWN;
  const name = service.owner.name;
  const listening = sorted(ports);
  const onHost = service.hostPorts.has(occ.port) ? ` ${occ.port} is its port on the host, which the project's network does not use.` : '';
  return stale(occ, [name], `${describe(occ)} points at ${occ.port}, but inside ${describeContext(project)} ${name} listens on ${listening.join(', ')}.${onHost} Point it at ${listening[0]}.`, listening[0]);
}

/**
 * `localhost` or no host inside a container: with a key that names a service of the project, that
 * service (reached through the host, so its published ports count too); with no key (a health check,
 * a probe in a command), the container itself.
 */
function judgeLocalInProject(topology: Topology, occ: PortOccurrence, referrer: Owner, project: RunContext): Verdict {
  if (occ.host === 'host.docker.internal') return judgeOnDevMachine(topology, occ);
  const name = occ.key ? serviceNameFromKey(occ.key) : undefined;
  if (name) {
    const service = topology.serviceNamed(project, name);
    if (!service) return UNKNOWN;
    const ports = new Set([...service.containerPorts, ...service.hostPorts]);
    return ports.size === 0 || ports.has(occ.port) ? OK : stale(occ, [service.owner.name], `${describe(occ)} points at ${occ.port}, but in ${describeContext(project)} ${service.owner.name} listens on ${sorted(ports).join(', ')}. Point it at ${sorted(ports)[0]}.`, sorted(ports)[0]);
  }
  if (occ.key) return UNKNOWN;
  const self = topology.serviceOf(project, referrer);
  if (!self) return UNKNOWN;
  const ports = new Set([...self.containerPorts, ...(self.facts.hostNetwork ? self.hostPorts : [])]);
  if (ports.size === 0 || ports.has(occ.port)) return ports.size ? OK : UNKNOWN;
  // A third-party image may serve a health or admin port nobody declared here.
  if (!self.portsComplete && !self.hostPorts.has(occ.port)) return UNKNOWN;
  return stale(occ, [self.owner.name], `${describe(occ)} points at ${occ.port} inside ${self.owner.name}'s own container, where it listens on ${sorted(ports).join(', ')}. Point it at ${sorted(ports)[0]}.`, sorted(ports)[0]);
}

/**
 * From the developer's machine (a dev `.env`, a source default, a script): the service the key
 * names, on its own or published by a Compose project there; without a key, whatever listens on
 * the port; a local port of the plan's ranges where nothing listens and the plan gives it to no one.
 */
function judgeOnDevMachine(topology: Topology, occ: PortOccurrence): Verdict {
  const name = occ.key ? serviceNameFromKey(occ.key) : undefined;
  const target = name && !isGenericServiceName(name) ? targetNamed(topology, name) : undefined;
  if (target) {
    const here = topology.portsOnDevMachine(target.owner);
    if (here.has(occ.port)) return OK;
    if (here.size) {
      const listening = target.port !== undefined && here.has(target.port) ? target.port : sorted(here)[0];
      const site = firstSite(topology, target.owner, new Set([listening]));
      const which = target.label ? `${target.owner.name}'s ${target.label} port is ${listening}` : `${target.owner.name} listens on ${sorted(here).join(', ')}`;
      return stale(occ, [target.owner.name], `${describe(occ)} points at ${occ.port}, but ${which}${site ? ` (${site})` : ''}. Nothing answers on ${occ.port}.`, listening);
    }
    return judgeByAnyPort(topology, occ, target.owner.name);
  }
  if (topology.listenersByPort.has(occ.port) || topology.plannedOwners(occ.port).length) return OK;
  // Only a local port inside the plan's own ranges is the team's business: 11434 is Ollama's, not ours.
  const range = topology.rangeOfPort(occ.port);
  if (!range) return UNKNOWN;
  return stale(occ, [], `${describe(occ)} points at port ${occ.port} in ${range.name}, but nothing in this workspace listens there and the plan does not give it to anyone. Fix the port, or add the service to the plan.`, undefined);
}

/** A named host outside a Compose network (a Kubernetes Service, a `.env` naming a service): any port the target has anywhere. */
function judgeElsewhere(topology: Topology, occ: PortOccurrence, host: string): Verdict {
  const name = topology.ownership.normalize(host);
  // A name nothing in the workspace answers to is an external endpoint (`external.example`), not ours to judge.
  if (!topology.portsByOwnerName.has(name) && !topology.ownership.service(name)) return UNKNOWN;
  return judgeByAnyPort(topology, occ, name);
}

/** Nothing known about where the target listens here: any port it opens anywhere, else its plan row. */
function judgeByAnyPort(topology: Topology, occ: PortOccurrence, name: string): Verdict {
  const service = topology.ownership.service(name);
  const ports = topology.portsByOwnerName.get(topology.ownership.normalize(name));
  const display = service?.name ?? name;
  if (ports?.size) {
    if (ports.has(occ.port)) return OK;
    return stale(occ, [display], `${describe(occ)} points at ${occ.port}, but ${display} opens ${sorted(ports).join(', ')}. Point it at the port the service listens on.`, sorted(ports)[0]);
  }
  const planned = service?.ports.map((p) => p.port) ?? [];
  if (!planned.length || planned.includes(occ.port)) return UNKNOWN;
  const where = service!.ports[0].location;
  return stale(occ, [display], `${describe(occ)} points at ${occ.port}, but ${display} is planned at ${planned.join(', ')} (${where.file}:${where.range.start.line + 1}) and nothing in this workspace says where it listens.`, undefined, [
    { file: where.file, range: service!.ports[0].entryLocation.range, message: `${display} is planned at ${planned[0]}` },
  ]);
}

/** Whom a key names, and which of its ports when the name is a plan label (`CDP_PORT` → browser's `cdp`). */
interface Target {
  readonly owner: Owner;
  readonly label?: string;
  readonly port?: number;
}

/** The service a key names: planned, an owner of listeners by that name, else the one planned service with a port of that label. */
function targetNamed(topology: Topology, name: string): Target | undefined {
  const service = topology.ownership.service(name);
  if (service) return { owner: plannedTarget(topology, service) };
  const listening = topology.listeningOwnerNamed(name);
  if (listening) return { owner: listening };
  const labelled = (topology.plan?.services ?? []).flatMap((s) => s.ports.filter((p) => p.label === name).map((p) => ({ service: s, port: p.port })));
  if (labelled.length !== 1) return undefined;
  return { owner: plannedTarget(topology, labelled[0].service), label: name, port: labelled[0].port };
}

function plannedTarget(topology: Topology, service: ServiceEntry): Owner {
  const listener = topology.listenersByService.get(service)?.[0];
  return listener?.owner ?? { id: `svc:${normalizeServiceName(service.name)}`, name: service.name, service, containerized: false };
}

function firstSite(topology: Topology, owner: Owner, ports: ReadonlySet<number>): string | undefined {
  for (const port of sorted(ports)) {
    const listener = topology.listenersByPort.get(port)?.find((l) => l.owner.id === owner.id);
    if (listener) return formatLocation(listener.sites[0].occ);
  }
  return undefined;
}

function sorted(ports: Iterable<number>): number[] {
  return [...ports].sort((a, b) => a - b);
}

/** The reference's subject in a message: its setting's name, else the address under the cursor. */
function describe(occ: PortOccurrence): string {
  return occ.key ?? 'This address';
}

function stale(occ: PortOccurrence, services: string[], message: string, listeningPort: number | undefined, related: Finding['related'] = []): Verdict {
  return {
    kind: 'stale',
    finding: {
      rule: 'stale-reference',
      severity: 'warning',
      port: occ.port,
      services,
      file: occ.file,
      range: occ.range,
      message,
      related,
      fixes: listeningPort !== undefined ? ['use-listening-port'] : [],
      ...(listeningPort !== undefined ? { listeningPort } : {}),
    },
  };
}
