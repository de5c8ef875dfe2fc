import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import { portValue } from './portText';
import { addUrls } from './urls';

/**
 * Environment variables that carry ports, wherever they are written: env files, Compose
 * `environment:`, Kubernetes `env:`, Dockerfile `ENV`, `PORT=3000 node …` in scripts.
 */

/**
 * Keys that name a port the process itself listens on: its main port, a role of its own
 * (metrics), or a framework's own setting (`FLASK_RUN_PORT`, `ASPNETCORE_HTTP_PORTS`).
 */
const LISTEN_KEY =
  /^(?:PORT|(?:HTTP|HTTPS|GRPC|SERVER|APP|LISTEN|API|WEB|METRICS|ADMIN|HEALTH|MANAGEMENT|FLASK_RUN|UVICORN|VITE|DEV_SERVER)_PORT|ASPNETCORE_HTTPS?_PORTS)$/i;
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
}

/** Records the port(s) in `KEY=value`, where `value` starts at `offset` in the file. */
export function addEnvVar(sink: OccurrenceSink, key: string, value: string, offset: number, ctx: EnvContext): void {
  const details = { ...ctx.details, key };
  const asReference = referenceDetails(details);
  const trimmed = value.trim();
  const start = offset + value.indexOf(trimmed);
  const port = portValue(trimmed);
  if (port) {
    if (isListenKey(key, ctx.ownName)) sink.addAt(start + port.index, port.digits, ctx.listenKind, details);
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

function isListenKey(key: string, ownName?: string): boolean {
  if (LISTEN_KEY.test(key)) return true;
  if (!ownName) return false;
  const own = ownName.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return key.toUpperCase() === `${own}_PORT`;
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
