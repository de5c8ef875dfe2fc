import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import { portNameRole } from './portNames';
import { portValue } from './portText';
import { addUrls } from './urls';

/**
 * Environment variables that carry ports, wherever they are written: env files, Compose
 * `environment:`, Kubernetes `env:`, Dockerfile `ENV`, `PORT=3000 node …` in scripts.
 */

/** Any other `*_PORT` names a port of something else (`DB_PORT`): a reference. */
const PORT_KEY = /(?:^|_)PORT$/i;
/** Keys whose bare `host:port` value points at another listener (`CART_SERVICE_ADDR=cart:7070`). */
const ADDRESS_KEY = /(?:_|^)(?:ADDR|ADDRESS|BIND|HOST|HOSTS|HOSTPORT|ENDPOINT|SERVER|SERVERS|BROKERS?|TARGET)$/i;

/** `host:port`; an empty host (`:8080`) is a listen address. */
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9_.-]+)?:(\d{1,5})$/i;
/** Addresses only a listener uses: every interface. */
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]']);

export interface EnvContext {
  /** What a listen key means here: `bind` in an env file, `expose` inside a container. */
  readonly listenKind: OccurrenceKind;
  readonly details?: OccurrenceDetails;
  /** The owning service's name: its own `<NAME>_PORT` is a listen key too (`REDIS_PORT` in service `redis`). */
  readonly ownName?: string;
  /**
   * The services beside it (Compose): a `*_PORT` naming none of them is the service's own setting
   * (`FLASK_SERVER_PORT=9091` in `backend`), one naming a sibling (`DB_PORT` beside `db`) a reference.
   */
  readonly siblings?: readonly string[];
}

/** Records the port(s) in `KEY=value`, where `value` starts at `offset` in the file. */
export function addEnvVar(sink: OccurrenceSink, key: string, value: string, offset: number, ctx: EnvContext): void {
  const details = { ...ctx.details, key };
  const asReference = referenceDetails(details);
  const trimmed = value.trim();
  const start = offset + value.indexOf(trimmed);
  const port = portValue(trimmed);
  if (port) {
    if (isListenKey(key, ctx)) sink.addAt(start + port.index, port.digits, ctx.listenKind, details);
    else if (PORT_KEY.test(key)) sink.addAt(start + port.index, port.digits, 'reference', asReference);
    return;
  }
  addUrls(sink, value, offset, asReference);
  if (ADDRESS_KEY.test(key)) addHostPorts(sink, trimmed, start, ctx.listenKind, details);
}

/** A reference never collides, so it joins no machine's group even when its service's ports do. */
export function referenceDetails(details: OccurrenceDetails = {}): OccurrenceDetails {
  return { ...details, group: undefined };
}

/** One rule for "the process's own port" everywhere: `portNameRole`, plus what the surroundings say. */
export function isListenKey(key: string, ctx: Pick<EnvContext, 'ownName' | 'siblings'>): boolean {
  if (portNameRole(key) === 'own') return true;
  const stem = envName(key).replace(/_PORTS?$/, '');
  if (ctx.ownName && stem === envName(ctx.ownName)) return true;
  if (!ctx.siblings || !PORT_KEY.test(key) || CLIENT_STEM.test(stem)) return false;
  return !ctx.siblings.some((s) => stem === envName(s) || stem.startsWith(`${envName(s)}_`) || stem.endsWith(`_${envName(s)}`));
}

/** Stems that name a backing service, never the container's own port, whether or not it runs beside it. */
const CLIENT_STEM = /(?:^|_)(?:DB|DATABASE|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|MONGO|MONGODB|REDIS|CACHE|SMTP|MAIL|AMQP|RABBITMQ|KAFKA|ES|ELASTIC|ELASTICSEARCH|MEMCACHED|ZOOKEEPER|NATS|MQTT|LDAP|S3|MINIO|OLLAMA)$/;

function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * `db:5432`, or a comma list of them (`kafka-1:9092,kafka-2:9092`), possibly quoted: references.
 * `0.0.0.0:8000` or `:8000` is the process's own listen address.
 */
function addHostPorts(sink: OccurrenceSink, value: string, offset: number, listenKind: OccurrenceKind, details: OccurrenceDetails): void {
  const re = /[^,\s"']+/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const hp = HOST_PORT.exec(m[0]);
    const host = hp?.[1] ?? '';
    if (!hp || /^\d+$/.test(host)) continue;
    const portOffset = offset + m.index + m[0].length - hp[2].length;
    if (isWildcardHost(host)) sink.addAt(portOffset, hp[2], listenKind, { ...details, host: host || undefined });
    else sink.addAt(portOffset, hp[2], 'reference', { ...referenceDetails(details), host });
  }
}

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}
