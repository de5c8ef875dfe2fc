import { parseAddress } from '../syntax/addresses';
import { isComposePath } from '../syntax/fileKinds';
import { isWildcardHost } from '../syntax/hosts';
import { parseYaml, type RawScalar, type YamlDoc } from '../syntax/yamlDoc';
import { basename } from '../util/paths';
import type { Extractor, OccurrenceSink, SourceFile } from './extractor';
import { kindIn } from './occurrence';

/**
 * cloudflared tunnel configs: each ingress rule's `service: http://localhost:5200` (also `https`,
 * `ssh://`, `tcp://`, `rdp://`) is the origin the tunnel forwards to, a reference; so is the legacy
 * single-origin `url:`. `metrics: 0.0.0.0:2000` is cloudflared's own listener. The catch-all
 * `service: http_status:404`, `hello_world`, unix sockets, timeouts and the tunnel UUID carry no port.
 *
 * The file is usually `config.yml`, a name half the world uses: only a top-level `ingress:` list
 * (or `tunnel:` with `url:`) makes it a tunnel config.
 */

const INGRESS_MARKER = /^ingress\s*:/m;
const LEGACY_MARKERS = [/^tunnel\s*:/m, /^url\s*:/m];

export const cloudflaredExtractor: Extractor = {
  id: 'cloudflared',
  matches: isCloudflaredPath,
  extract(file, sink) {
    if (!INGRESS_MARKER.test(file.text) && !LEGACY_MARKERS.every((re) => re.test(file.text))) return;
    for (const doc of parseYaml(file.text)) addTunnel(file, doc, sink);
  },
};

/** `config.yml`/`config.yaml` anywhere (cloudflared's default name), or any YAML with `cloudflared` in its path. */
function isCloudflaredPath(path: string): boolean {
  if (!/\.ya?ml$/i.test(path) || isComposePath(path)) return false;
  return /^config\.ya?ml$/i.test(basename(path)) || /cloudflared/i.test(path);
}

function addTunnel(file: SourceFile, doc: YamlDoc, sink: OccurrenceSink): void {
  const ingress = doc.items(doc.get(doc.root, 'ingress'));
  const legacy = doc.get(doc.root, 'tunnel') !== undefined ? doc.raw(doc.get(doc.root, 'url')) : undefined;
  if (ingress.length === 0 && !legacy) return;
  for (const rule of ingress) addOrigin(sink, doc.raw(doc.get(rule, 'service')));
  addOrigin(sink, legacy);
  addMetrics(file, sink, doc.raw(doc.get(doc.root, 'metrics')));
}

/** An origin is a URL with a scheme; `http_status:404` and `hello_world` are built-in responders. */
function addOrigin(sink: OccurrenceSink, raw: RawScalar | undefined): void {
  const address = raw && parseAddress(raw.text.trim());
  if (!raw || !address?.scheme) return;
  sink.addPortOrRange(address.portText, raw.offset + address.portOffset, 'reference', { host: address.host || undefined });
}

/** `metrics: localhost:2000`: cloudflared serves its metrics there. */
function addMetrics(file: SourceFile, sink: OccurrenceSink, raw: RawScalar | undefined): void {
  const address = raw && parseAddress(raw.text.trim());
  if (!raw || !address || address.scheme) return;
  const host = isWildcardHost(address.host) ? undefined : address.host;
  sink.addAt(raw.offset + address.portOffset, address.portText, kindIn(file.path, 'bind'), { host });
}
