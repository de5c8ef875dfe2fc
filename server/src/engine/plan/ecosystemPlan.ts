import { constantLabel, scanEcosystem, type PortConstant } from '../syntax/ecosystem';
import { LineIndex, type Span } from '../text';
import { emptyRules, locationOf, type PlannedPort, type PortPlan, type ServiceEntry } from './portPlan';

/**
 * The plan a PM2 file holds: each app is a service with its resolved ports; constants no app
 * binds are services of their own (`API_LOCAL` → `api-local`, a nested group → one service with a
 * port per key), so a port declared only in PORTS is still planned. PortOS requires each app's
 * ports to be one contiguous block, so the contiguous rule is on.
 */
export function loadEcosystemPlan(path: string, text: string): PortPlan {
  const scan = scanEcosystem(text);
  const lines = new LineIndex(text);
  const loc = (span: Span) => locationOf(path, lines, span);
  const services: ServiceEntry[] = [];
  const used = new Set<PortConstant>();
  for (const app of scan.apps) {
    if (!app.sites.length) continue;
    const ports: PlannedPort[] = app.sites.map((site) => {
      if (site.constant) used.add(site.constant);
      const description = site.constant?.description;
      return {
        port: site.port,
        label: site.label,
        ...(description ? { description } : {}),
        location: loc(site.span),
        entryLocation: loc(site.constant?.entrySpan ?? site.entrySpan),
      };
    });
    services.push({ name: app.name, ports, location: loc(app.nameSpan) });
  }
  const unbound = new Map<string, PortConstant[]>();
  for (const constant of scan.constants.filter((c) => !used.has(c))) {
    const owner = constant.name.includes('.') ? constant.name.split('.')[0] : constant.name;
    unbound.set(owner, [...(unbound.get(owner) ?? []), constant]);
  }
  for (const [owner, constants] of unbound) {
    const grouped = constants.some((c) => c.name.includes('.'));
    services.push({
      name: constantLabel(owner),
      ports: constants.map((c) => ({
        port: c.port,
        ...(grouped ? { label: constantLabel(c.name) } : {}),
        ...(c.description ? { description: c.description } : {}),
        location: loc(c.span),
        entryLocation: loc(c.entrySpan),
      })),
      location: loc(constants[0].entrySpan),
    });
  }
  return { files: [path], format: 'pm2', ranges: [], services, hosts: [], rules: { ...emptyRules, contiguous: true }, problems: [] };
}
