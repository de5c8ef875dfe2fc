import type { PortOccurrence } from '../extract/occurrence';
import type { EnvPortSetting } from '../topology/envFiles';
import { formatLocation } from '../topology/listeners';
import type { Topology } from '../topology/topology';
import { basename, dirname } from '../util/paths';
import type { Finding } from './finding';

/**
 * `stale-reference` on an env template: `.env.example` says `WEB_PORT=8080` while the env file
 * Compose reads sets 8003. Whoever copies the template gets a port the project does not use; the
 * template is documentation that went stale, and the fix is to write the port in effect.
 */
export function checkEnvTemplates(topology: Topology): Finding[] {
  const inEffect = effectiveValues(topology);
  const findings: Finding[] = [];
  for (const [occ, setting] of topology.env.settings) {
    if (setting.role !== 'template') continue;
    const value = inEffect.get(`${setting.composeFile}\u0000${setting.variable}`);
    if (value && value.port !== occ.port) findings.push(staleTemplate(topology, occ, setting, value));
  }
  return findings;
}

function effectiveValues(topology: Topology): Map<string, PortOccurrence> {
  const out = new Map<string, PortOccurrence>();
  for (const [occ, setting] of topology.env.settings) if (setting.role === 'effective') out.set(`${setting.composeFile}\u0000${setting.variable}`, occ);
  return out;
}

function staleTemplate(topology: Topology, occ: PortOccurrence, setting: EnvPortSetting, value: PortOccurrence): Finding {
  const owner = topology.ownerOf(value);
  const via = topology.env.effective.get(dirname(setting.composeFile))?.via;
  const how = via ? `, which ${basename(via)} copies to .env` : '';
  const side = setting.side === 'host' ? 'published on' : 'listening on';
  return {
    rule: 'stale-reference',
    severity: 'warning',
    port: occ.port,
    services: [owner.name],
    file: occ.file,
    range: occ.range,
    message: `${basename(occ.file)} documents ${setting.variable}=${occ.port}, but ${owner.name} is ${side} ${value.port} (${formatLocation(value)}${how}). Write ${value.port} here.`,
    related: [{ file: value.file, range: value.range, message: `${setting.variable}=${value.port} is in effect` }],
    fixes: ['use-listening-port'],
    listeningPort: value.port,
  };
}
