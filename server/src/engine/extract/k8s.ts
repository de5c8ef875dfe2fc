import { isMap, isSeq, type Node } from 'yaml';
import { isComposePath } from '../syntax/fileKinds';
import { portValue, protocolOf } from '../syntax/portText';
import { addCommandPorts, type CommandPiece } from './commandLine';
import { addEnvVar } from './envVars';
import type { Extractor, OccurrenceDetails, OccurrenceSink } from './extractor';
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
  const manifest: Manifest = { doc, sink, owner: doc.str(doc.get(doc.get(node, 'metadata'), 'name')) };
  const spec = doc.get(node, 'spec');
  if (kind === 'Service') addServicePorts(manifest, spec);
  else if (ROUTING_KINDS.has(kind)) addRoutedPorts(manifest, spec, '', 0);
  else addContainerLists(manifest, spec, 0);
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

/** A numeric port scalar; named ports (`targetPort: http`) and templates are not numbers. */
/** `protocol: UDP` on a port entry (TCP when unset). */
function portProtocol(doc: YamlDoc, port: Node): Pick<OccurrenceDetails, 'protocol'> {
  const protocol = protocolOf(doc.str(doc.get(port, 'protocol')));
  return protocol ? { protocol } : {};
}

function addPort(m: Manifest, node: Node | undefined, kind: OccurrenceKind, details: OccurrenceDetails): void {
  const raw = m.doc.raw(node);
  const port = raw && portValue(raw.text);
  if (raw && port) m.sink.addAt(raw.offset + port.index, port.digits, kind, details);
}
