import { basename } from '../util/paths';

/**
 * Which kind of file a workspace path is, by its name alone: the one place that decides, so the
 * extractors, the plan selection and ownership never disagree about what a Compose file is.
 */

/** `docker-compose.yml`, `docker-compose.macmini.yml`, `compose.override.yaml`, `app.compose.yml`. */
const COMPOSE_FILE = /^(?:(?:docker-)?compose(?:[.-][^/]*)?|[^/]*\.compose)\.ya?ml$/i;
/** `Dockerfile`, `Dockerfile.dev`, `Dockerfile-prod`, `api.Dockerfile`, `Containerfile`. */
const DOCKERFILE = /^(?:docker|container)file(?:[.-][\w.-]+)?$|\.(?:docker|container)file$/i;
/** `Dockerfile-notes.md`, `Dockerfile.README.txt`: prose about an image, not one. */
const NOT_DOCKERFILE = /\.(?:md|markdown|txt|rst|adoc|html?|json|ya?ml|bak|orig)$/i;
const MARKDOWN_PLAN_NAMES = new Set(['port_schema.md', 'ports.md', 'port-schema.md']);
/** Folders and names that hold tests: ports there are fixtures, not listeners. */
const TEST_FOLDER = /(^|\/)(__tests__|tests?|spec|specs|e2e|__mocks__|testdata|fixtures)\//;
const TEST_NAME = /(\.(test|spec)\.[cm]?[jt]sx?$)|(_test\.(go|py)$)|(^test_.*\.py$)|(^conftest\.py$)|(Tests?\.(java|kt|cs)$)|(_spec\.rb$)/;
/**
 * Test runners' configs: the servers they start (Playwright's `webServer`, start-server-and-test) run
 * for a test run on ports of its own, which the plan does not govern; their URLs are what they wait on.
 */
const TEST_RUNNER_CONFIG = /^(playwright|cypress|vitest|jest|wdio|karma)\.conf(ig)?(\.[\w-]+)*\.[cm]?[jt]s$|^cypress\.json$/;

export function isComposePath(path: string): boolean {
  return COMPOSE_FILE.test(basename(path));
}

export function isDockerfilePath(path: string): boolean {
  const name = basename(path);
  return DOCKERFILE.test(name) && !NOT_DOCKERFILE.test(name);
}

function underNodeModules(path: string): boolean {
  return /(^|\/)node_modules\//.test(path);
}

/** `ports.yaml`, `ports.yml`, `ports.json`, `ports.jsonc` and their `.ports.*` variants. */
export function isNativePlanPath(path: string): boolean {
  return /^\.?ports\.(?:ya?ml|jsonc?)$/i.test(basename(path)) && !underNodeModules(path);
}

export function isMarkdownPlanPath(path: string): boolean {
  return MARKDOWN_PLAN_NAMES.has(basename(path).toLowerCase()) && !underNodeModules(path);
}

/** The committed config beside a Markdown or PM2 plan, or at the workspace root (a native plan holds its own). */
export const CONFIG_FILE_NAME = 'port-schema.config.jsonc';

export function isConfigFilePath(path: string): boolean {
  return basename(path) === CONFIG_FILE_NAME && !underNodeModules(path);
}

/** PM2 `ecosystem.config.js`, `.cjs`, `.mjs`. */
export function isEcosystemPath(path: string): boolean {
  return /^ecosystem\.config\.(?:c|m)?js$/.test(basename(path)) && !underNodeModules(path);
}

/**
 * PM2's JSON ecosystem (`pm2 start ecosystem.json`, `process.json`): read for the apps' ports, but
 * never a plan (it has no `PORTS` constants).
 */
export function isEcosystemJsonPath(path: string): boolean {
  return /^(?:ecosystem(?:\.config)?|process(?:es)?|pm2)\.json$/.test(basename(path)) && !underNodeModules(path);
}

/** `Procfile`, `Procfile.dev`, `Procfile.local` (not `Procfile.md`, prose about one). */
export function isProcfilePath(path: string): boolean {
  const name = basename(path);
  return /^Procfile(?:\.[\w-]+)?$/.test(name) && !NOT_DOCKERFILE.test(name) && !underNodeModules(path);
}

/** `.env`, `.env.local`, `.env.example`, `backend.env`, `env.default` (not `.envrc`, a shell script). */
const DOTENV_FILE = /^(?:\.env(?:\..+)?|.+\.env|env\.(?:defaults?|example|sample|template|dist|local|dev|development|prod|production))$/i;
/** Env files that document settings rather than set them: `.env.example`, `.env.sample`, `.env.template`, `env.dist`. */
const ENV_TEMPLATE = /(?:^|[.])(?:example|sample|template|dist|tpl|defaults?)(?:[.]env)?$/i;

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function isDotenvPath(path: string): boolean {
  return DOTENV_FILE.test(basename(path));
}

export function isEnvTemplatePath(path: string): boolean {
  return isDotenvPath(path) && ENV_TEMPLATE.test(basename(path));
}

export function isTestFile(path: string): boolean {
  const name = basename(path);
  return TEST_FOLDER.test(path) || TEST_NAME.test(name) || TEST_RUNNER_CONFIG.test(name);
}
