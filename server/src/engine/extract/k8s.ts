import { isMap, isSeq, type Node } from 'yaml';
import { isComposePath } from '../syntax/fileKinds';
import { portValue, protocolOf } from '../syntax/portText';
import { addCommandPorts, type CommandPiece } from './commandLine';
import { addEnvVar } from './envVars';
import type { Extractor, KubernetesPodPort, KubernetesServicePort, OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import type { RawScalar, YamlDoc } from '../syntax/yamlDoc';
import { readYamlFile } from './yamlFile';

/** Manifests nest pod specs (CronJob → Job → Pod); deeper than this is not a manifest. */
const MAX_DEPTH = 24;
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_HANDLERS = ['httpGet', 'grpc', 'tcpSocket'];
/** Resources that route to a port some Service or pod listens on: their ports are references. */
const ROUTING_KINDS = new Set(['VirtualService', 'DestinationRule', 'Ingress', 'ServiceEntry', 'HTTPRoute', 'GRPCRoute']);
/** nodePort is open on every node of the cluster: one namespace for the whole cluster. */
const CLUSTER_GROUP = 'k8s-cluster';

/** What one manifest is read with: its document, the sink and the workload it names. */
interface Manifest {
  readonly doc: YamlDoc;
  readonly sink: OccurrenceSink;
  readonly owner?: string;
}

export const kubernetesExtractor: Extractor = {
  id: 'k8s',
  matches: (path) => /\.ya?ml$/i.test(path) && !isComposePath(path),
  extract(file, sink) {
    // Most YAML files are not manifests: skip parsing unless both marker keys appear.
    if (!/^\s*apiVersion\s*:/m.test(file.text) || !/^\s*kind\s*:/m.test(file.text)) return;
    for (const doc of readYamlFile(file, sink, 'Kubernetes manifest')) addResource(doc, sink, doc.root, 0);
  },
};

function addResource(doc: YamlDoc, sink: OccurrenceSink, node: Node | undefined, depth: number): void {
  const kind = doc.str(doc.get(node, 'kind'));
  if (!kind || !doc.str(doc.get(node, 'apiVersion')) || depth > 2) return;
  if (kind === 'List') {
    for (const item of doc.items(doc.get(node, 'items'))) addResource(doc, sink, item, depth + 1);
    return;
  }
  const metadata = doc.get(node, 'metadata');
  const manifest: Manifest = { doc, sink, owner: doc.str(doc.get(metadata, 'name')) };
  const spec = doc.get(node, 'spec');
  if (kind === 'Service') {
    addServicePorts(manifest, spec);
    noteService(manifest, metadata, spec);
  } else if (ROUTING_KINDS.has(kind)) addRoutedPorts(manifest, spec, '', 0);
  else {
    addContainerLists(manifest, spec, 0);
    notePods(manifest, kind, metadata, spec);
  }
}

/** Workloads whose pods a Service can select, and where their pod template keeps its labels. */
const POD_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['template'], StatefulSet: ['template'], DaemonSet: ['template'], ReplicaSet: ['template'], ReplicationController: ['template'], Job: ['template'],
};

/** A Service's selector and where each port entry sends traffic in the pods (`targetPort`, else `port`). */
function noteService(m: Manifest, metadata: Node | undefined, spec: Node | undefined): void {
  const { doc, sink } = m;
  const selector = labelsOf(doc, doc.get(spec, 'selector'));
  if (!m.owner || !Object.keys(selector).length) return;
  const ports: KubernetesServicePort[] = [];
  for (const entry of doc.items(doc.get(spec, 'ports'))) {
    const port = Number(doc.str(doc.get(entry, 'port')));
    const target = doc.raw(doc.get(entry, 'targetPort') ?? doc.get(entry, 'port'));
    if (!target || !Number.isInteger(port)) continue;
    const text = target.text.replace(/^["']|["']$/g, '');
    const quoted = target.text.length - text.length > 0 ? 1 : 0;
    const span = { start: target.offset + quoted, end: target.offset + quoted + text.length };
    ports.push({ port, target: /^\d+$/.test(text) ? Number(text) : text, range: sink.file.lines.rangeOf(span), ...portProtocol(doc, entry) });
  }
  sink.kubernetes.push({ kind: 'Service', name: m.owner, ...namespaceOf(doc, metadata), labels: selector, ports });
}

/** A workload's pod labels and the ports its containers declare (`containerPort`, by number and name). */
function notePods(m: Manifest, kind: string, metadata: Node | undefined, spec: Node | undefined): void {
  const { doc, sink } = m;
  const template = kind === 'Pod' ? undefined : POD_TEMPLATES[kind] ? doc.get(spec, 'template') : undefined;
  if (!m.owner || (kind !== 'Pod' && !template)) return;
  const labels = labelsOf(doc, doc.get(kind === 'Pod' ? metadata : doc.get(template, 'metadata'), 'labels'));
  const podSpec = kind === 'Pod' ? spec : doc.get(template, 'spec');
  const ports: KubernetesPodPort[] = [];
  for (const container of doc.items(doc.get(podSpec, 'containers'))) {
    for (const entry of doc.items(doc.get(container, 'ports'))) {
      const port = Number(doc.str(doc.get(entry, 'containerPort')));
      const name = doc.str(doc.get(entry, 'name'));
      if (Number.isInteger(port) && port > 0) ports.push({ port, ...(name ? { name } : {}), ...portProtocol(doc, entry) });
    }
  }
  sink.kubernetes.push({ kind, name: m.owner, ...namespaceOf(doc, metadata), labels, ports });
}

function labelsOf(doc: YamlDoc, node: Node | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  // `selector.matchLabels` on workloads; a Service's selector is the map itself.
  for (const { key, value } of doc.entries(doc.get(node, 'matchLabels') ?? node)) {
    const v = doc.str(value);
    if (v !== undefined && key !== 'matchExpressions') labels[key] = v;
  }
  return labels;
}

function namespaceOf(doc: YamlDoc, metadata: Node | undefined): { namespace?: string } {
  const namespace = doc.str(doc.get(metadata, 'namespace'));
  return namespace ? { namespace } : {};
}


/** A Service's `port` lives on its own virtual IP, `targetPort` in the pods, `nodePort` on every node. */
function addServicePorts(m: Manifest, spec: Node | undefined): void {
  const { doc } = m;
  for (const port of doc.items(doc.get(spec, 'ports'))) {
    const details = { ownerHint: m.owner, label: doc.str(doc.get(port, 'name')), ...portProtocol(doc, port) };
    addPort(m, doc.get(port, 'port'), 'expose', details);
    addPort(m, doc.get(port, 'targetPort'), 'expose', details);
    addPort(m, doc.get(port, 'nodePort'), 'publish', { ...details, group: CLUSTER_GROUP });
  }
}

/**
 * Routing rules name the port they send to: `destination: { host, port: { number } }`,
 * `backendRefs: [{ name, port }]`, ServiceEntry `ports: [{ number }]`.
 */
function addRoutedPorts(m: Manifest, node: Node | undefined, parentKey: string, depth: number): void {
  const { doc } = m;
  if (depth > MAX_DEPTH) return;
  if (isSeq(node)) {
    for (const item of doc.items(node)) addRoutedPorts(m, item, parentKey, depth + 1);
    return;
  }
  if (!isMap(node)) return;
  const host = doc.str(doc.get(node, 'host')) ?? doc.str(doc.get(node, 'name'));
  if (parentKey === 'ports') addPort(m, doc.get(node, 'number'), 'reference', {});
  for (const { key, value } of doc.entries(node)) {
    if (key === 'port') addPort(m, isMap(value) ? doc.get(value, 'number') : value, 'reference', { host });
    else addRoutedPorts(m, value, key, depth + 1);
  }
}

/** Finds pod specs wherever the workload kind nests them (Deployment, CronJob, Knative, ...). */
function addContainerLists(m: Manifest, node: Node | undefined, depth: number): void {
  const { doc } = m;
  if (depth > MAX_DEPTH) return;
  if (isSeq(node)) {
    for (const item of doc.items(node)) addContainerLists(m, item, depth + 1);
    return;
  }
  for (const { key, value } of doc.entries(node)) {
    if (CONTAINER_LISTS.has(key)) for (const container of doc.items(value)) addContainer(m, container);
    else addContainerLists(m, value, depth + 1);
  }
}

function addContainer(m: Manifest, container: Node): void {
  const { doc, sink, owner } = m;
  const inPod = { ownerHint: owner };
  for (const port of doc.items(doc.get(container, 'ports'))) {
    const details = { ...inPod, label: doc.str(doc.get(port, 'name')), ...portProtocol(doc, port) };
    addPort(m, doc.get(port, 'containerPort'), 'expose', details);
    addPort(m, doc.get(port, 'hostPort'), 'publish', details);
  }
  const ownName = doc.str(doc.get(container, 'name'));
  for (const env of doc.items(doc.get(container, 'env'))) {
    const key = doc.str(doc.get(env, 'name'));
    const value = doc.raw(doc.get(env, 'value'));
    if (key && value) addEnvVar(sink, key, value.text, value.offset, { listenKind: 'expose', details: inPod, ownName });
  }
  for (const probe of PROBES) {
    for (const handler of PROBE_HANDLERS) addPort(m, doc.get(doc.get(doc.get(container, probe), handler), 'port'), 'expose', inPod);
  }
  const pieces = ['command', 'args'].flatMap((key) => doc.items(doc.get(container, key)).map((item) => doc.raw(item)));
  addCommandPorts(sink, pieces.filter((p): p is RawScalar & CommandPiece => p !== undefined), { listenKind: 'expose', details: inPod, ownName });
}

/** `protocol: UDP` on a port entry (TCP when unset). */
function portProtocol(doc: YamlDoc, port: Node): Pick<OccurrenceDetails, 'protocol'> {
  const protocol = protocolOf(doc.str(doc.get(port, 'protocol')));
  return protocol ? { protocol } : {};
}

/** A numeric port scalar; named ports (`targetPort: http`) and templates are not numbers. */
function addPort(m: Manifest, node: Node | undefined, kind: OccurrenceKind, details: OccurrenceDetails): void {
  const raw = m.doc.raw(node);
  const port = raw && portValue(raw.text);
  if (raw && port) m.sink.addAt(raw.offset + port.index, port.digits, kind, details);
}
