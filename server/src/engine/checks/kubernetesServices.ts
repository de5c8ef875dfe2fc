import type { KubernetesObject, KubernetesPodPort, KubernetesServicePort } from '../extract/extractor';
import type { Topology } from '../topology/topology';
import type { Finding } from './finding';

/**
 * `stale-reference` on a Kubernetes Service whose `targetPort` is no port of the pods it selects:
 * `targetPort: 8080` in front of a Deployment whose container declares `containerPort: 80`, or a
 * port name no container has. Traffic to the Service then reaches nothing — a bug class real
 * repositories fix often. Judged only where every selected workload declares its ports (a pod may
 * listen on a port it does not declare, but one that declares some and not this one is wrong).
 */
export function checkKubernetesServices(topology: Topology): Finding[] {
  const objects = [...topology.kubernetesObjects()];
  const workloads = objects.filter((o) => o.object.kind !== 'Service');
  const findings: Finding[] = [];
  for (const { file, object: service } of objects) {
    if (service.kind !== 'Service') continue;
    const selected = workloads.filter((w) => selects(service, w.object));
    if (!selected.length || selected.some((w) => w.object.ports.length === 0)) continue;
    const pods = selected.flatMap((w) => w.object.ports as KubernetesPodPort[]);
    const names = [...new Set(selected.map((w) => w.object.name))];
    for (const entry of service.ports as KubernetesServicePort[]) {
      const reaches = typeof entry.target === 'number' ? pods.some((p) => p.port === entry.target && sameProtocol(p, entry)) : pods.some((p) => p.name === entry.target);
      if (!reaches) findings.push(unreachedTarget(file, service, entry, names, pods));
    }
  }
  return findings;
}

/** A selector picks the pods whose labels hold each of its pairs, in the same namespace (unset meets any). */
function selects(service: KubernetesObject, workload: KubernetesObject): boolean {
  if (service.namespace && workload.namespace && service.namespace !== workload.namespace) return false;
  return Object.entries(service.labels).every(([k, v]) => workload.labels[k] === v);
}

function sameProtocol(a: { protocol?: string }, b: { protocol?: string }): boolean {
  return (a.protocol ?? 'tcp') === (b.protocol ?? 'tcp');
}

function unreachedTarget(file: string, service: KubernetesObject, entry: KubernetesServicePort, workloads: readonly string[], pods: readonly KubernetesPodPort[]): Finding {
  const declared = [...new Set(pods.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))))];
  const numbers = [...new Set(pods.map((p) => p.port))];
  const single = numbers.length === 1 && typeof entry.target === 'number' ? numbers[0] : undefined;
  const target = typeof entry.target === 'number' ? `targetPort ${entry.target}` : `the container port named "${entry.target}"`;
  return {
    rule: 'stale-reference',
    severity: 'warning',
    port: typeof entry.target === 'number' ? entry.target : entry.port,
    services: [...new Set([service.name, ...workloads])],
    file,
    range: entry.range,
    message: `Service ${service.name} sends port ${entry.port} to ${target}, but the pods it selects (${workloads.join(', ')}) declare ${declared.join(', ')}. Point targetPort at ${single ?? 'the port the container listens on'}.`,
    related: [],
    fixes: single !== undefined ? ['use-listening-port'] : [],
    ...(single !== undefined ? { listeningPort: single } : {}),
  };
}
