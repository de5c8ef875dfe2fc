import { isSeq, type Node } from 'yaml';
import { parseAddress, type Address } from '../syntax/addresses';
import { isComposePath } from '../syntax/fileKinds';
import { jsonItems, jsonProperty, parseJsonTree, rawJsonString } from '../syntax/json';
import { parseYaml, type RawScalar, type YamlDoc } from '../syntax/yamlDoc';
import { extname } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';

/**
 * Prometheus and Alertmanager configs, and Prometheus `file_sd` target files. Every port they hold
 * is someone else's: a scrape target (`billing:9102`), a probed URL (`http://orders:8080/health`),
 * the exporter relabelling sends the scrape to (`replacement: blackbox:9115`), a remote-write
 * endpoint, an Alertmanager receiver. So all are references, each with the host it names.
 * Durations (`scrape_interval: 15s`), PromQL in rule files and labels are never read.
 *
 * Files are recognised by what they hold, not by name (`prometheus.yml`, `monitoring/config.yml`,
 * `alertmanager.yaml` are all common): a top-level `scrape_configs:`, `receivers:` + `route:`, or a
 * list of `- targets:` groups.
 */

/** Cheap content gates, checked before any parse (most YAML files are none of these). */
const CONFIG_MARKER = /^scrape_configs\s*:/m;
const ALERTMANAGER_MARKERS = [/^receivers\s*:/m, /^route\s*:/m];
const TARGET_GROUP_MARKER = /^-\s+["']?(?:targets|labels)["']?\s*:/m;
/** JSON target files live under names like `targets/node.json`, `file_sd/*.json`, `prometheus/sd.json`. */
const TARGET_FILE_HINT = /target|file_sd|prometheus|(?:^|\/)sd[_./-]/i;
/** Relabelling writes these labels to choose where to scrape (or, for a probe, what to probe). */
const ADDRESS_LABELS = new Set(['__address__', '__param_target']);
/** Service-discovery settings that name the server to ask (`consul_sd_configs: [{ server: consul:8500 }]`). */
const SD_ADDRESS_KEYS = ['server', 'api_server', 'url', 'host'];
/** Alertmanager keys holding an endpoint: `url`, `api_url`, `slack_api_url`, `smtp_smarthost`. */
const ALERTMANAGER_ADDRESS_KEY = /(?:^|_)(?:url|smarthost)$/;

export const prometheusExtractor: Extractor = {
  id: 'prometheus',
  matches: (path) => (/\.ya?ml$/i.test(path) && !isComposePath(path)) || (extname(path) === '.json' && TARGET_FILE_HINT.test(path)),
  extract(file, sink) {
    if (extname(file.path) === '.json') addJsonTargetGroups(file, sink);
    else addYaml(file, sink);
  },
};

function addYaml(file: SourceFile, sink: OccurrenceSink): void {
  const config = CONFIG_MARKER.test(file.text);
  const alertmanager = ALERTMANAGER_MARKERS.every((re) => re.test(file.text));
  const targets = TARGET_GROUP_MARKER.test(file.text);
  if (!config && !alertmanager && !targets) return;
  for (const doc of parseYaml(file.text)) {
    if (targets && isSeq(doc.root)) addYamlTargetGroups(doc, sink, doc.root);
    else if (config && doc.get(doc.root, 'scrape_configs')) addConfig(doc, sink);
    else if (alertmanager && doc.get(doc.root, 'receivers')) addAlertmanager(doc, sink);
  }
}

/** `scrape_configs`, `alerting.alertmanagers` (the same shape) and `remote_write`/`remote_read` URLs, in file order. */
function addConfig(doc: YamlDoc, sink: OccurrenceSink): void {
  for (const { key, value } of doc.entries(doc.root)) {
    if (key === 'scrape_configs') for (const job of doc.items(value)) addJob(doc, sink, job);
    else if (key === 'alerting') for (const am of doc.items(doc.get(value, 'alertmanagers'))) addJob(doc, sink, am);
    else if (key === 'remote_write' || key === 'remote_read') for (const remote of doc.items(value)) addValue(sink, doc.raw(doc.get(remote, 'url')));
  }
}

/** One scrape job (or Alertmanager set): its static targets, relabelled address, proxy and discovery servers. */
function addJob(doc: YamlDoc, sink: OccurrenceSink, job: Node): void {
  for (const { key, value } of doc.entries(job)) {
    if (key === 'static_configs') {
      for (const group of doc.items(value)) addTargets(doc, sink, doc.get(group, 'targets'));
    } else if (key === 'relabel_configs') {
      for (const rule of doc.items(value)) addRelabelledAddress(doc, sink, rule);
    } else if (key === 'proxy_url') {
      addValue(sink, doc.raw(value));
    } else if (key.endsWith('_sd_configs') && key !== 'file_sd_configs') {
      for (const sd of doc.items(value)) for (const k of SD_ADDRESS_KEYS) addValue(sink, doc.raw(doc.get(sd, k)));
    }
  }
}

/** `targets: ['billing:9102', 'http://orders:8080/health']` (the second a blackbox probe). */
function addTargets(doc: YamlDoc, sink: OccurrenceSink, targets: Node | undefined): void {
  for (const target of doc.items(targets)) addValue(sink, doc.raw(target));
}

/**
 * `target_label: __address__` with `replacement: blackbox:9115`: the scrape goes there. A
 * replacement built from capture groups (`$1:9100`) names no host of its own: left alone.
 */
function addRelabelledAddress(doc: YamlDoc, sink: OccurrenceSink, rule: Node): void {
  const label = doc.str(doc.get(rule, 'target_label'));
  if (!label || !ADDRESS_LABELS.has(label)) return;
  const raw = doc.raw(doc.get(rule, 'replacement'));
  if (raw && !/\$\d|\$\{\d/.test(raw.text)) addValue(sink, raw);
}

/** Receivers' `*_configs` entries and `global` settings whose key says they hold an endpoint. */
function addAlertmanager(doc: YamlDoc, sink: OccurrenceSink): void {
  addEndpointKeys(doc, sink, doc.get(doc.root, 'global'));
  for (const receiver of doc.items(doc.get(doc.root, 'receivers'))) {
    for (const { key, value } of doc.entries(receiver)) {
      if (!key.endsWith('_configs')) continue;
      for (const config of doc.items(value)) {
        addEndpointKeys(doc, sink, config);
        addEndpointKeys(doc, sink, doc.get(config, 'http_config'));
      }
    }
  }
}

function addEndpointKeys(doc: YamlDoc, sink: OccurrenceSink, node: Node | undefined): void {
  for (const { key, value } of doc.entries(node)) if (ALERTMANAGER_ADDRESS_KEY.test(key)) addValue(sink, doc.raw(value));
}

/** A `file_sd` YAML file: a list of `{ targets: [...], labels: {...} }` groups. */
function addYamlTargetGroups(doc: YamlDoc, sink: OccurrenceSink, root: Node): void {
  for (const group of doc.items(root)) addTargets(doc, sink, doc.get(group, 'targets'));
}

/** A `file_sd` JSON file: `[{ "targets": ["node-exporter:9100"], "labels": {...} }]`; anything else yields nothing. */
function addJsonTargetGroups(file: SourceFile, sink: OccurrenceSink): void {
  if (!/"targets"\s*:/.test(file.text)) return;
  const root = parseJsonTree(file.text);
  for (const group of jsonItems(root)) {
    for (const target of jsonItems(jsonProperty(group, 'targets'))) {
      const raw = rawJsonString(file.text, target);
      if (raw) addValue(sink, raw);
    }
  }
}

/** A value that is exactly one address: a reference to the host it names. */
function addValue(sink: OccurrenceSink, raw: RawScalar | undefined): void {
  const address = raw && parseAddress(raw.text.trim());
  if (!raw || !address) return;
  addAddress(sink, address, raw.offset + raw.text.indexOf(raw.text.trim()));
}

function addAddress(sink: OccurrenceSink, address: Address, offset: number): void {
  sink.addPortOrRange(address.portText, offset + address.portOffset, 'reference', { host: address.host || undefined });
}
