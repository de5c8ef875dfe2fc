import { rangeContains, type PlannedPort, type ServiceEntry, type PortRange } from '../plan/portPlan';
import type { ListenerSite } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import { plannedPortOf } from './collisions';
import { PLANNED_PORT_FIXES, type Finding, type FixKind } from './finding';

/**
 * Checks one listener site against a plan that has services: `drift` (a planned service binds
 * another port than its plan entry), `out-of-range` (outside its service's range), `unassigned` (no
 * plan entry owns it). It depends on the site and the plan alone.
 */
export function checkSite(topology: Topology, site: ListenerSite): readonly Finding[] {
  // A test or example stack is offset on purpose: its ports answer to no plan row.
  if (!site.context.governed) return NO_FINDINGS;
  return site.owner.service ? checkPlanned(topology, site, site.owner.service) : [unassigned(topology, site)];
}

/** Most sites conform: they all share this list. */
const NO_FINDINGS: readonly Finding[] = [];

function checkPlanned(topology: Topology, site: ListenerSite, service: ServiceEntry): readonly Finding[] {
  const planned = plannedPortOf(site);
  const entry = service.ports.find((p) => p.port === planned) ?? service.ports[0];
  const range = entry ? topology.rangeOfPlannedPort(service, entry) : topology.rangeOfService(service);
  const drifted = planned !== undefined && entry ? drift(site, service, entry, planned, range) : undefined;
  // A port the plan itself lists out of range is reported once, on the plan row.
  const plannedHere = service.ports.some((p) => p.port === site.occ.port);
  const outside = range && range.start !== undefined && !plannedHere && !rangeContains(range, site.occ.port) ? outOfRange(site, service, range, planned) : undefined;
  // Lists of their exact size: a site's findings are kept for as long as its file does not change.
  return drifted && outside ? [drifted, outside] : drifted ? [drifted] : outside ? [outside] : NO_FINDINGS;
}

function drift(site: ListenerSite, service: ServiceEntry, entry: PlannedPort, planned: number, range: PortRange | undefined): Finding {
  const port = site.occ.port;
  const said = sharedSaying(entry, `${planned}:${port}`, () => ({
    services: [service.name],
    message: `${service.name} binds ${port}; the plan assigns ${planned} (${entry.location.file}:${entry.location.range.start.line + 1}). Use ${planned} here, or update the plan.`,
    related: [{ file: entry.location.file, range: entry.entryLocation.range, message: `${service.name} is planned at ${planned}` }],
  }));
  return { rule: 'drift', severity: 'warning', port, services: said.services, file: site.occ.file, range: site.occ.range, message: said.message, related: said.related, fixes: PLANNED_PORT_FIXES, plannedPort: planned, rangeName: range?.name };
}

function outOfRange(site: ListenerSite, service: ServiceEntry, range: PortRange, planned: number | undefined): Finding {
  const port = site.occ.port;
  const said = sharedSaying(range, `${service.name}\0${port}`, () => ({
    services: [service.name],
    message: `${service.name} binds ${port}, outside its range ${range.name} (${range.start}-${range.end}). Assign a free port in ${range.name}.`,
    related: [{ file: range.location.file, range: range.location.range, message: `range ${range.name}` }],
  }));
  return { rule: 'out-of-range', severity: 'warning', port, services: said.services, file: site.occ.file, range: site.occ.range, message: said.message, related: said.related, fixes: planned !== undefined ? PLANNED_PORT_FIXES : FREE_PORT_FIXES, plannedPort: planned, rangeName: range.name };
}

const FREE_PORT_FIXES: readonly FixKind[] = ['assign-next-free'];
const UNPLANNED_PORT_FIXES: readonly FixKind[] = ['add-to-plan', 'assign-next-free'];

/** What a finding says, apart from where: the same for every site that binds one port against one plan row. */
type Saying = Pick<Finding, 'services' | 'message' | 'related'>;

/**
 * Sayings made once per plan row (or range) and key, held as long as the plan is: a file that binds
 * one port at thousands of sites (a paste) holds one message and one related list, not thousands.
 * Findings never change what they are given.
 */
const sayings = new WeakMap<object, Map<string, Saying>>();

function sharedSaying(row: object, key: string, make: () => Saying): Saying {
  let byKey = sayings.get(row);
  if (!byKey) sayings.set(row, (byKey = new Map()));
  let said = byKey.get(key);
  if (!said) byKey.set(key, (said = make()));
  return said;
}

function unassigned(topology: Topology, site: ListenerSite): Finding {
  const port = site.occ.port;
  const plannedFor = topology.plannedOwners(port);
  const range = topology.rangeOfPort(port);
  const planNote = plannedFor.length
    ? ` The plan gives ${port} to ${plannedFor.map((s) => s.name).join(', ')}.`
    : range
      ? ` ${port} lies in ${range.name}.`
      : '';
  return {
    rule: 'unassigned',
    severity: plannedFor.length ? 'warning' : 'info',
    port,
    services: [site.owner.name, ...plannedFor.map((s) => s.name)],
    file: site.occ.file,
    range: site.occ.range,
    message: `${site.owner.name} binds ${port}, and no plan entry owns it.${planNote} Add ${site.owner.name} to the plan.`,
    related: plannedFor.flatMap((s) => s.ports.filter((p) => p.port === port).map((p) => ({ file: p.location.file, range: p.entryLocation.range, message: `${s.name} is planned at ${port}` }))),
    fixes: UNPLANNED_PORT_FIXES,
    rangeName: range?.name,
  };
}
