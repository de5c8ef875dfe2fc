/**
 * What names say about ports: `PORT`, `listenPort`, `SERVER_PORT` name the process's own
 * listener; `DB_PORT`, `redisPort`, `FLASK_SERVER_PORT` name some other service's; `MANA_CREDITS_URL`
 * names the service `mana-credits`. Pure string logic, shared by the extractors, the plan readers
 * and the checks.
 */

/** Words that, beside `port`, still mean "the port this process listens on". */
const OWN_PORT_WORDS = new Set(['default', 'listen', 'listening', 'srv', 'server', 'http', 'https', 'app', 'web', 'bind', 'local', 'dev', 'main', 'management', 'metrics', 'health', 'admin', 'debug', 'grpc', 'ws', 'cdp']);

export type PortRole = 'own' | 'other';

/** Splits `listenPort`, `DB_PORT`, `server.port`, `--http-port` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Frameworks' own settings for the port they serve on. */
const FRAMEWORK_PORT_KEYS = /^(?:FLASK_RUN_PORT|UVICORN_PORT|VITE_PORT|DEV_SERVER_PORT|ASPNETCORE_HTTPS?_PORTS)$/i;

/** `own`/`other` for a name that ends in `port` (`portNumber` too); undefined for any other name. */
export function portNameRole(name: string): PortRole | undefined {
  if (FRAMEWORK_PORT_KEYS.test(name)) return 'own';
  const words = nameWords(name);
  if (words.length && /^(number|num|no)$/.test(words[words.length - 1])) words.pop();
  if (words.pop() !== 'port') return undefined;
  return words.every((w) => OWN_PORT_WORDS.has(w)) ? 'own' : 'other';
}

/**
 * What every name `portNameRole` accepts contains: `port` as a word of its own, that is in any case
 * after a character that is no letter or digit (or at the start), or as `P…` right after a lower-case
 * letter or a digit (`listenPort`). A text without it names no port (`import`, `support` and
 * `DBPORT` are no such word), so a reader may pass it over before looking for names at all.
 */
export const MAY_NAME_PORT = /(?:^|[^A-Za-z0-9])[Pp][Oo][Rr][Tt]|[a-z0-9]P[Oo][Rr][Tt]/;

/** Words that qualify nothing: `serverPort`, `httpPort`, `listenPort` are just "the port". */
const PLAIN_PORT_WORDS = new Set(['default', 'listen', 'listening', 'srv', 'server', 'http', 'https', 'app', 'web', 'bind', 'local', 'dev', 'main']);

/**
 * An own-port name that says which of a process's ports it is (`cdpPort`, `healthPort`, `METRICS_PORT`):
 * the same name serves whoever connects to that port, so only a listening use makes it a bind.
 */
export function isQualifiedPortName(name: string): boolean {
  return portQualifier(name) !== undefined;
}

/** Which of a process's ports a name means, as a plan label would say it: `cdpPort` → `cdp`, `ADMIN_HTTP_PORT` → `admin`. */
export function portQualifier(name: string): string | undefined {
  const words = nameWords(name).filter((w) => !PLAIN_PORT_WORDS.has(w) && !/^(port|number|num|no)$/.test(w));
  return words.length ? words.join('-') : undefined;
}

/** Any `*_PORT` names a port; whose, the surroundings say. */
export const PORT_KEY = /(?:^|_)PORT$/i;

/** Stems that name a backing service, never the container's own port, whether or not it runs beside it. */
const CLIENT_STEM = /(?:^|_)(?:DB|DATABASE|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|MONGO|MONGODB|REDIS|CACHE|SMTP|MAIL|AMQP|RABBITMQ|KAFKA|ES|ELASTIC|ELASTICSEARCH|MEMCACHED|ZOOKEEPER|NATS|MQTT|LDAP|S3|MINIO|OLLAMA)$/;

/** Who is around a key: its own service's name, and (in a Compose file) the services beside it. */
export interface KeySurroundings {
  /** The owning service's name: its own `<NAME>_PORT` is a listen key too (`REDIS_PORT` in service `redis`). */
  readonly ownName?: string;
  /**
   * The services beside it (Compose): a `*_PORT` naming none of them is the service's own setting
   * (`FLASK_SERVER_PORT=9091` in `backend`), one naming a sibling (`DB_PORT` beside `db`) a reference.
   */
  readonly siblings?: readonly string[];
}

/** One rule for "the process's own port" everywhere: `portNameRole`, plus what the surroundings say. */
export function isListenKey(key: string, around: KeySurroundings): boolean {
  if (portNameRole(key) === 'own') return true;
  const stem = envName(key).replace(/_PORTS?$/, '');
  if (around.ownName && stem === envName(around.ownName)) return true;
  if (!around.siblings || !PORT_KEY.test(key) || CLIENT_STEM.test(stem)) return false;
  return !around.siblings.some((s) => stem === envName(s) || stem.startsWith(`${envName(s)}_`) || stem.endsWith(`_${envName(s)}`));
}

function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Service names are compared loosely: `@scope/` dropped, case folded, `_` and `-` equal. */
export function normalizeServiceName(name: string): string {
  return name.replace(/^@[^/]+\//, '').toLowerCase().replace(/[_\s.]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

/**
 * `MANA_CREDITS_URL` → `mana-credits`; `PRODUCT_CATALOG_SERVICE_ADDR` → `product-catalog`; a
 * configuration list item named by its id, `spring.cloud.gateway.routes[orders].uri` → `orders`.
 */
export function serviceNameFromKey(key: string): string | undefined {
  if (serviceNames.has(key)) return serviceNames.get(key);
  const name = readServiceName(key);
  if (serviceNames.size >= MAX_REMEMBERED_KEYS) serviceNames.clear();
  serviceNames.set(key, name);
  return name;
}

/**
 * Names already read from keys: a workspace has few keys (`WEB_URL`, `DB_HOST`) and every reference
 * to one asks again at each check of its port, five patterns each time.
 */
const serviceNames = new Map<string, string | undefined>();
const MAX_REMEMBERED_KEYS = 10_000;

function readServiceName(key: string): string | undefined {
  const item = /\[([\w.-]+)\]\.(?:uri|url|target|address)$/i.exec(key);
  if (item) return normalizeServiceName(item[1].replace(/[-_]route$/i, '')) || undefined;
  let stem = key.replace(/^(VITE_|NEXT_PUBLIC_|REACT_APP_|PUBLIC_|NUXT_PUBLIC_)/i, '');
  const before = stem;
  stem = stem.replace(/(_BASE)?_(URL|URI|ADDR|ADDRESS|HOST|ENDPOINT|PORT|ORIGIN|TARGET)$/i, '');
  if (stem === before) return undefined;
  stem = stem.replace(/_(SERVICE|SVC|SERVER|API|HTTP|GRPC)$/i, '');
  return stem ? normalizeServiceName(stem) : undefined;
}

/** Names worth keeping as `key`: env-style names and anything that says it holds an address. */
function isConfigName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name) || /url|uri|host|addr|endpoint|origin|base|target|server|port/i.test(name);
}

/**
 * One read of an environment variable or setting by name: `process.env.FOO`, `import.meta.env['FOO']`,
 * `os.getenv("FOO"`, `os.environ.get('FOO'`, `os.Getenv("FOO"`, `ENV.fetch("FOO"`, `${FOO:-`. Group 1-4: the name.
 */
const ENV_NAME_READ =
  /(?:process\.env|import\.meta\.env|Bun\.env)(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])|(?<![\w$.])(?:[\w$]+\.)*(?:getenv|get|setdefault|Getenv|LookupEnv|getEnv|GetEnvironmentVariable|getOrDefault|fetch|env)\(\s*['"]([A-Za-z_][\w.]*)['"]|\$\{([A-Za-z_]\w*):?[-=]/g;
/** What every read above contains (`.env`, a call's quoted argument, `${`): a line without one reads nothing. */
const MAY_READ_ENV_NAME = /\.env|\(\s*['"]|\$\{/;
/** What may stand between the reads of a fallback chain: `||`, `??`, `or`, an argument comma, parentheses. */
const CHAIN_GLUE = /^[\s)]*(?:\?\?|\|\||\bor\b|,)?[\s(]*(?:default\s*=\s*)?$/;

/**
 * The first name of the fallback chain that ends at the cursor: `A || B || '…'`, `getenv("A", getenv("B", "…"))`,
 * `cmp.Or(os.Getenv("A"), os.Getenv("B"), "…")`, `${A:-${B:-…}}`. The first name is the one the
 * code means; the later ones are kept for old installs.
 */
function fallbackChainKey(prefix: string): string | undefined {
  if (!MAY_READ_ENV_NAME.test(prefix)) return undefined;
  const reads = [...prefix.matchAll(ENV_NAME_READ)];
  let i = reads.length - 1;
  if (i < 0 || !CHAIN_GLUE.test(prefix.slice(reads[i].index + reads[i][0].length))) return undefined;
  while (i > 0 && CHAIN_GLUE.test(prefix.slice(reads[i - 1].index + reads[i - 1][0].length, reads[i].index))) i--;
  const m = reads[i];
  return m[1] ?? m[2] ?? m[3] ?? m[4];
}

/**
 * The variable or key a string literal on this line is assigned to: `FOO_URL: process.env.FOO_URL ?? '…'`,
 * `os.getenv("API_URL", "…")`, `const CREDITS_URL = '…'`. `prefix` is the line up to the opening quote.
 */
export function assignedKey(prefix: string): string | undefined {
  const chained = fallbackChainKey(prefix);
  if (chained) return chained;
  let last: string | undefined;
  for (const m of prefix.matchAll(/([A-Za-z_$][\w$]*)['"\]]?\s*(?::=|=(?![=>])|:(?!:))/g)) last = m[1];
  return last && isConfigName(last) ? last : undefined;
}

/**
 * Keys whose URLs list who may call this service, not whom it calls: CORS and origin allow-lists,
 * allowed hosts, OAuth redirect and callback URLs, WebAuthn origins. Their ports are never stale.
 */
export function isAllowListKey(key: string): boolean {
  return /(^|_)(CORS|ORIGINS?|ALLOWED|TRUSTED|REDIRECT|REDIRECTS|CALLBACK|CALLBACKS|WEBAUTHN|RP_ID|CSP|FRAME_ANCESTORS|WHITELIST|ALLOWLIST)(_|$)/i.test(envStyle(key));
}

/** Names too generic to mean one service across a repository (`API_URL` in an example is not the plan's `api`). */
const GENERIC_SERVICE_NAMES = new Set(['api', 'web', 'app', 'db', 'database', 'server', 'backend', 'frontend', 'client', 'ui', 'admin', 'service', 'main', 'base', 'public', 'host', 'internal', 'external', 'remote', 'local', 'upstream', 'default', 'site', 'www', 'http', 'https']);

export function isGenericServiceName(name: string): boolean {
  return GENERIC_SERVICE_NAMES.has(name) || name.length <= 2;
}

/** `redirectUri` → `REDIRECT_URI`, so camel-case keys meet the same rules as env names. */
function envStyle(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
