import { composeFileList } from '../syntax/composeCommands';
import { isWildcardHost } from '../syntax/hosts';
import { isListenKey, PORT_KEY, type KeySurroundings } from '../syntax/names';
import { portValue } from '../syntax/portText';
import { listenUrls } from '../syntax/urls';
import type { OccurrenceDetails, OccurrenceSink } from './extractor';
import type { OccurrenceKind } from './occurrence';
import { dirname, joinPath } from '../util/paths';

/**
 * Environment variables that carry ports, wherever they are written: env files, Compose
 * `environment:`, Kubernetes `env:`, Dockerfile `ENV`, `PORT=3000 node …` in scripts.
 */

/** Keys whose bare `host:port` value points at another listener (`CART_SERVICE_ADDR=cart:7070`). */
const ADDRESS_KEY = /(?:_|^)(?:ADDR|ADDRESS|BIND|HOST|HOSTS|HOSTPORT|ENDPOINT|SERVER|SERVERS|BROKERS?|TARGET)$/i;

/** ASP.NET Core's listen URLs: `ASPNETCORE_URLS=http://+:8000;https://+:8443`. */
const LISTEN_URLS_KEY = /^(?:ASPNETCORE|DOTNET)_URLS$/i;
/** ASP.NET Core 8's port lists: `ASPNETCORE_HTTP_PORTS=8080;8081`. */
const PORT_LIST_KEY = /^(?:ASPNETCORE|DOTNET)_HTTPS?_PORTS$/i;

/** `host:port`; an empty host (`:8080`) is a listen address. */
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9_.-]+)?:(\d{1,5})$/i;

export interface EnvContext extends KeySurroundings {
  /** What a listen key means here: `bind` in an env file, `expose` inside a container. */
  readonly listenKind: OccurrenceKind;
  readonly details?: OccurrenceDetails;
}

/** Records the port(s) in `KEY=value`, where `value` starts at `offset` in the file. */
export function addEnvVar(sink: OccurrenceSink, key: string, value: string, offset: number, ctx: EnvContext): void {
  // `COMPOSE_FILE=a.yml:b.yml` beside the files (or in a script) makes them one project.
  if (key === 'COMPOSE_FILE' && ctx.listenKind === 'bind') {
    const files = composeFileList(value.trim());
    if (files.length) sink.composeRuns.push(files.map((f) => joinPath(dirname(sink.file.path), f)));
    return;
  }
  const details = { ...ctx.details, key };
  const asReference = referenceDetails(details);
  const trimmed = value.trim();
  const start = offset + value.indexOf(trimmed);
  if (LISTEN_URLS_KEY.test(key)) return addListenUrls(sink, value, offset, ctx.listenKind, details);
  if (PORT_LIST_KEY.test(key) && /[;,]/.test(trimmed)) return addPortList(sink, value, offset, ctx.listenKind, details);
  const port = portValue(trimmed);
  if (port) {
    if (isListenKey(key, ctx)) sink.addAt(start + port.index, port.digits, ctx.listenKind, details);
    else if (PORT_KEY.test(key)) sink.addAt(start + port.index, port.digits, 'reference', asReference);
    return;
  }
  sink.addUrls(value, offset, asReference);
  if (ADDRESS_KEY.test(key)) addHostPorts(sink, trimmed, start, ctx.listenKind, details);
}

/** Each URL the process is told to listen on, labelled by its scheme. */
function addListenUrls(sink: OccurrenceSink, value: string, offset: number, kind: OccurrenceKind, details: OccurrenceDetails): void {
  for (const u of listenUrls(value)) sink.addAt(offset + u.portOffset, u.portText, kind, { ...details, host: u.host, label: u.scheme });
}

function addPortList(sink: OccurrenceSink, value: string, offset: number, kind: OccurrenceKind, details: OccurrenceDetails): void {
  for (const m of value.matchAll(/\d{1,5}/g)) sink.addAt(offset + (m.index ?? 0), m[0], kind, details);
}

/** A reference never collides, so it joins no machine's group even when its service's ports do. */
export function referenceDetails(details: OccurrenceDetails = {}): OccurrenceDetails {
  return { ...details, group: undefined };
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
