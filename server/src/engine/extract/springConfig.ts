import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { addressLiteral, isWildcardHost } from '../syntax/hosts';
import { HASH_ONLY, matchesOf, scanSource } from '../syntax/lexer';
import { portNameRole } from '../syntax/names';
import { springPortValue } from '../syntax/portText';
import { parseYaml, type YamlDoc } from '../syntax/yamlDoc';
import { basename, extname } from '../util/paths';
import type { OccurrenceSink, SourceFile } from './extractor';
import { kindForRole, kindIn, type OccurrenceKind } from './occurrence';

/**
 * Spring Boot's `application*.properties` and `application*.yml` (and `bootstrap*`): `server.port`
 * and `management.server.port` are the application's listeners (`${PORT:8283}`: the default is the
 * port), `spring.redis.port` and friends are other services' ports, URLs (`jdbc:postgresql://db:5432`,
 * a gateway route's `uri`, Eureka's `defaultZone`) and `host:port` lists (`bootstrap-servers`) are
 * references. `server.port=0` (a random port, usual in tests) is no port at all.
 */

const SPRING_CONFIG = /^(?:application|bootstrap)(?:-([\w-]+))?\.(?:properties|ya?ml)$/;
/** A profile whose name says the app runs in a container there: its listeners are the container's. */
const CONTAINER_PROFILE = /^(?:docker|docker-compose|compose|container|containers|k8s|kubernetes|kube|openshift|helm)$/i;
/** A profile for tests: a port there belongs to a throwaway server. */
const TEST_PROFILE = /^(?:test|tests|testing|it|integration|integration-test|integration-tests)$/i;
/** `server.port=8080` or `server.port: 8080`: group 1 key, group 2 the value to the end of the line (trimmed in code). */
const PROPERTY = /^[ \t]*([\w.[\]-]+)[ \t]*[=:][ \t]*([^\n]*)$/dgm;
/** Keys whose value lists `host:port` addresses of other services (`spring.kafka.bootstrap-servers`, `cluster.nodes`). */
const ADDRESS_KEY = /(?:^|[.-])(?:servers|brokers|nodes|address|addresses|hosts?|endpoints?)$/i;
/** Nesting deeper than this is not configuration anyone writes by hand. */
const MAX_DEPTH = 16;
/** Scalars read per document: bounds a hostile or generated file. */
const MAX_SCALARS = 20_000;

export function isSpringConfigPath(path: string): boolean {
  return SPRING_CONFIG.test(basename(path));
}

export function addSpringConfig(file: SourceFile, out: OccurrenceSink): void {
  const profile = SPRING_CONFIG.exec(basename(file.path))?.[1];
  if (extname(file.path) === '.properties') addProperties(file, out, profile);
  else addYaml(file, out, profile);
}

function addProperties(file: SourceFile, out: OccurrenceSink, profile: string | undefined): void {
  const { code } = scanSource(file.text, HASH_ONLY);
  const listen = listenKind(file.path, profile);
  for (const m of matchesOf(PROPERTY, code)) addSetting(out, m[1], m[2].trimEnd(), m.indices[2][0], listen);
}

function addYaml(file: SourceFile, out: OccurrenceSink, fileProfile: string | undefined): void {
  for (const doc of parseYaml(file.text)) {
    // `spring.config.activate.on-profile: docker` (or the older `spring.profiles: docker`) scopes one document.
    const profile = documentProfile(doc) ?? fileProfile;
    const walk = { doc, out, listen: listenKind(file.path, profile), budget: MAX_SCALARS };
    walkNode(walk, doc.root, '', 0);
  }
}

interface Walk {
  readonly doc: YamlDoc;
  readonly out: OccurrenceSink;
  readonly listen: OccurrenceKind;
  budget: number;
}

/**
 * Visits every scalar with its dotted key (`server:\n  port:` → `server.port`). A list item keeps its
 * list's key, with the item's `id` or `name` when it has one (`spring.cloud.gateway.routes[orders].uri`):
 * a gateway route's id names the service its `uri` points at.
 */
function walkNode(w: Walk, node: Node | undefined, key: string, depth: number): void {
  if (depth > MAX_DEPTH || w.budget <= 0) return;
  if (isMap(node)) {
    for (const entry of w.doc.entries(node)) walkNode(w, entry.value, key ? `${key}.${entry.key}` : entry.key, depth + 1);
  } else if (isSeq(node)) {
    for (const item of w.doc.items(node)) {
      const id = isMap(item) ? w.doc.str(w.doc.get(item, 'id') ?? w.doc.get(item, 'name')) : undefined;
      walkNode(w, item, id && /^[\w.-]+$/.test(id) ? `${key}[${id}]` : key, depth + 1);
    }
  } else if (isScalar(node)) {
    w.budget--;
    const raw = w.doc.raw(node);
    if (raw) addSetting(w.out, key, raw.text, raw.offset, w.listen);
  }
}

function documentProfile(doc: YamlDoc): string | undefined {
  const spring = doc.get(doc.root, 'spring');
  const activate = doc.get(doc.get(doc.get(spring, 'config'), 'activate'), 'on-profile') ?? doc.get(doc.root, 'spring.config.activate.on-profile');
  return doc.str(activate) ?? doc.str(doc.get(spring, 'profiles')) ?? undefined;
}

/** One setting: a port key holds a port (own or another's); anything else may hold URLs or addresses. */
function addSetting(out: OccurrenceSink, key: string, value: string, offset: number, listen: OccurrenceKind): void {
  const role = portNameRole(key);
  if (role) {
    const port = springPortValue(value);
    const kind = role === 'own' ? listen : kindForRole(role);
    if (port) out.addAt(offset + port.index, port.digits, kind, { key, label: portLabel(key) });
    return;
  }
  out.addUrls(value, offset, { key });
  if (ADDRESS_KEY.test(key)) addAddresses(out, key, value, offset);
}

/** `localhost:9092,kafka-2:9092`: other services' listeners (a wildcard here is a bind address with no port of its own). */
function addAddresses(out: OccurrenceSink, key: string, value: string, offset: number): void {
  for (const word of value.matchAll(/[^,\s'"]+/g)) {
    const address = addressLiteral(word[0]);
    if (!address || isWildcardHost(address.host)) continue;
    out.addAt(offset + (word.index ?? 0) + address.portOffset, address.portText, 'reference', { key, host: address.host });
  }
}

/** The listener kind of the application's own ports under this file and profile. */
function listenKind(path: string, profile: string | undefined): OccurrenceKind {
  if (profile && TEST_PROFILE.test(profile)) return 'reference';
  if (profile && CONTAINER_PROFILE.test(profile)) return kindIn(path, 'expose');
  return kindIn(path, 'bind');
}

/** `management.server.port` → `management`: Actuator's port beside the application's own. */
function portLabel(key: string): string | undefined {
  return /^management\./.test(key) ? 'management' : undefined;
}
