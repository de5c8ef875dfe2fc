import { rangeContains } from '../plan/portPlan';
import type { ListenerSite } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import { plannedPortOf } from './collisions';
import type { Finding } from './finding';

/**
 * Checks one listener site against a plan that has services: `drift` (a planned service binds
 * another port than its plan entry), `out-of-range` (outside its service's range), `unassigned` (no
 * plan entry owns it). It depends on the site and the plan alone.
 */
export function checkSite(topology: Topology, site: ListenerSite): Finding[] {
  // A test or example stack is offset on purpose: its ports answer to no plan row.
  if (!site.context.governed) return [];
  return site.owner.service ? checkPlanned(topology, site) : [unassigned(topology, site)];
}

function checkPlanned(topology: Topology, site: ListenerSite): Finding[] {
  const service = site.owner.service!;
  const out: Finding[] = [];
  const planned = plannedPortOf(site);
  const entry = service.ports.find((p) => p.port === planned) ?? service.ports[0];
  const range = entry ? topology.rangeOfPlannedPort(service, entry) : topology.rangeOfService(service);
  if (planned !== undefined && entry) {
    out.push({
      rule: 'drift',
      severity: 'warning',
      port: site.occ.port,
      services: [service.name],
      file: site.occ.file,
      range: site.occ.range,
      message: `${service.name} binds ${site.occ.port}; the plan assigns ${planned} (${entry.location.file}:${entry.location.range.start.line + 1}). Use ${planned} here, or update the plan.`,
      related: [{ file: entry.location.file, range: entry.entryLocation.range, message: `${service.name} is planned at ${planned}` }],
      fixes: ['use-planned-port', 'assign-next-free'],
      plannedPort: planned,
      rangeName: range?.name,
    });
  }
  // A port the plan itself lists out of range is reported once, on the plan row.
  const plannedHere = service.ports.some((p) => p.port === site.occ.port);
  if (range && range.start !== undefined && !plannedHere && !rangeContains(range, site.occ.port)) {
    out.push({
      rule: 'out-of-range',
      severity: 'warning',
      port: site.occ.port,
      services: [service.name],
      file: site.occ.file,
      range: site.occ.range,
      message: `${service.name} binds ${site.occ.port}, outside its range ${range.name} (${range.start}-${range.end}). Assign a free port in ${range.name}.`,
      related: [{ file: range.location.file, range: range.location.range, message: `range ${range.name}` }],
      fixes: planned !== undefined ? ['use-planned-port', 'assign-next-free'] : ['assign-next-free'],
      plannedPort: planned,
      rangeName: range.name,
    });
  }
  return out;
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
    fixes: ['add-to-plan', 'assign-next-free'],
    rangeName: range?.name,
  };
}
