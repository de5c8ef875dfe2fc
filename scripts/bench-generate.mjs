// Writes a deterministic synthetic monorepo for benchmarking the engine (and NodeWorkspace
// against `rg --files`): TS, Go and Python services with PORT defaults, package.json scripts,
// Compose files, .env, Dockerfiles, nginx confs, Kubernetes manifests and Markdown docs, padded
// with plain source files so that only a realistic share of files mentions a port. A ports.yaml
// plans most services, with a few deliberate drifts, collisions and unplanned services.
//
// Usage: node scripts/bench-generate.mjs <outDir> [--files 2000] [--seed 42]
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const args = parseArgs(process.argv.slice(2));
const random = mulberry32(args.seed);
const files = new Map(); // relative path → text
const counts = { services: 0, ok: 0, drift: 0, collision: 0, unplanned: 0, staleRefs: 0, ignored: 0 };

const RANGES = [
  { name: 'Core Services', start: 4000, end: 4499, reserved: [4490, 4499] },
  { name: 'Web Frontends', start: 5100, end: 5399, reserved: [5390, 5399] },
  { name: 'Workers', start: 6100, end: 6399, reserved: [6390, 6399] },
];
const WORDS = ['order', 'cart', 'user', 'auth', 'billing', 'search', 'catalog', 'ship', 'notify', 'report', 'media', 'price', 'stock',
  'review', 'promo', 'tax', 'ledger', 'audit', 'feed', 'geo', 'chat', 'mail', 'sync', 'rank', 'quote', 'loyalty', 'fraud', 'invoice'];
const FAMILIES = ['ts', 'go', 'py'];

main();

function main() {
  if (!args.outDir) fail('usage: node scripts/bench-generate.mjs <outDir> [--files 2000] [--seed 42]');
  if (existsSync(args.outDir) && readdirSync(args.outDir).length > 0) fail(`${args.outDir} is not empty; pick a new folder or delete it first`);
  const services = planServices();
  for (const service of services) writeService(service);
  writeSharedFiles(services);
  writeIgnoredNoise();
  flush();
  report(services);
}

/** Decides every service up front, so that collisions can reuse another service's port. */
function planServices() {
  const services = [];
  const nextPort = new Map(RANGES.map((r) => [r.name, r.start]));
  // Each service writes ~7 port-bearing/boilerplate files plus plain files; leave room for shared files.
  const budget = Math.max(10, args.files - 25);
  let estimated = 0;
  for (let i = 0; estimated < budget; i++) {
    const family = FAMILIES[i % FAMILIES.length];
    const kind = family === 'ts' && random() < 0.3 ? 'web' : family === 'py' && random() < 0.3 ? 'worker' : 'api';
    const range = RANGES[kind === 'web' ? 1 : kind === 'worker' ? 2 : 0];
    const port = nextPort.get(range.name);
    nextPort.set(range.name, port + 1);
    const name = `${pick(WORDS)}-${kind}-${i}`;
    const plainFiles = 3 + Math.floor(random() * 9);
    const service = { name, family, kind, range, port, bindPort: port, plainFiles, planned: true, fate: 'ok' };
    const roll = random();
    if (roll < 0.03 && services.length > 0) {
      service.fate = 'collision';
      service.bindPort = pick(services).bindPort;
    } else if (roll < 0.07) {
      service.fate = 'drift';
      service.bindPort = port + 500 + Math.floor(random() * 50);
    } else if (roll < 0.1) {
      service.fate = 'unplanned';
      service.planned = false;
    }
    services.push(service);
    estimated += (family === 'go' ? 5 : 6) + plainFiles;
  }
  return services;
}

function writeService(s) {
  counts.services++;
  counts[s.fate]++;
  const dir = `services/${s.name}`;
  if (s.family === 'ts') writeTsService(dir, s);
  else if (s.family === 'go') writeGoService(dir, s);
  else writePythonService(dir, s);
  add(`${dir}/Dockerfile`, dockerfile(s));
  add(`${dir}/README.md`, `# ${s.name}\n\nOwned by the ${pick(WORDS)} team. Listens on ${s.bindPort} in development; see ports.yaml.\n`);
  add(`deploy/k8s/${s.name}.yaml`, k8sManifest(s));
}

function writeTsService(dir, s) {
  const dev = s.kind === 'web' ? `vite --port ${s.bindPort}` : `PORT=${s.bindPort} tsx watch src/server.ts`;
  add(`${dir}/package.json`, JSON.stringify({
    name: `@bench/${s.name}`, version: `1.${s.plainFiles}.0`, private: true,
    scripts: { dev, build: 'tsc -p .', test: 'node --test' },
    dependencies: { express: '^4.19.2' }, devDependencies: { typescript: '^5.5.2', tsx: '^4.15.7' },
  }, null, 2) + '\n');
  add(`${dir}/tsconfig.json`, '{\n  "compilerOptions": { "target": "ES2022", "module": "NodeNext", "strict": true, "outDir": "dist" }\n}\n');
  if (s.kind !== 'web') {
    add(`${dir}/src/server.ts`, [
      "import express from 'express';",
      "import { router } from './routes/index';",
      '',
      `const PORT = Number(process.env.PORT ?? ${s.bindPort});`,
      'const app = express();',
      "app.use(express.json({ limit: '1mb' }));",
      "app.use('/api', router);",
      "app.get('/health', (_req, res) => res.status(200).json({ ok: true }));",
      `app.listen(PORT, () => console.log(\`${s.name} on \${PORT}\`));`,
      '',
    ].join('\n'));
  }
  for (let i = 0; i < s.plainFiles; i++) add(`${dir}/src/routes/${pick(WORDS)}${i}.ts`, plainTs(i));
}

function writeGoService(dir, s) {
  add(`${dir}/go.mod`, `module example.com/bench/${s.name}\n\ngo 1.22\n`);
  add(`${dir}/main.go`, [
    'package main',
    '',
    'import (\n\t"log"\n\t"net/http"\n\t"os"\n\t"time"\n)',
    '',
    'func getEnv(key, fallback string) string {\n\tif v := os.Getenv(key); v != "" {\n\t\treturn v\n\t}\n\treturn fallback\n}',
    '',
    'func main() {',
    `\tport := getEnv("PORT", "${s.bindPort}")`,
    '\tsrv := &http.Server{Addr: ":" + port, ReadTimeout: 15 * time.Second}',
    '\tlog.Fatal(srv.ListenAndServe())',
    '}',
    '',
  ].join('\n'));
  for (let i = 0; i < s.plainFiles; i++) add(`${dir}/internal/${pick(WORDS)}/${pick(WORDS)}${i}.go`, plainGo(i));
}

function writePythonService(dir, s) {
  add(`${dir}/requirements.txt`, 'fastapi==0.111.0\nuvicorn==0.30.1\npydantic==2.7.4\n');
  add(`${dir}/app/__init__.py`, '');
  add(`${dir}/app/main.py`, [
    'import os',
    '',
    'import uvicorn',
    'from fastapi import FastAPI',
    '',
    `app = FastAPI(title="${s.name}")`,
    '',
    '',
    '@app.get("/health")',
    'def health() -> dict:',
    '    return {"status": "ok"}',
    '',
    '',
    'if __name__ == "__main__":',
    `    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "${s.bindPort}")))`,
    '',
  ].join('\n'));
  for (let i = 0; i < s.plainFiles; i++) add(`${dir}/app/${pick(WORDS)}_${i}.py`, plainPython(i));
}

function dockerfile(s) {
  const base = { ts: 'node:20-alpine', go: 'golang:1.22-alpine', py: 'python:3.12-slim' }[s.family];
  return `FROM ${base}\nWORKDIR /app\nCOPY . .\nENV PORT=8080\nEXPOSE 8080\nCMD ["sh", "-c", "echo starting ${s.name}"]\n`;
}

function k8sManifest(s) {
  return [
    'apiVersion: apps/v1', 'kind: Deployment', `metadata:\n  name: ${s.name}`, 'spec:', '  replicas: 2',
    `  selector:\n    matchLabels:\n      app: ${s.name}`, '  template:', `    metadata:\n      labels:\n        app: ${s.name}`,
    '    spec:', '      containers:', `        - name: ${s.name}`, `          image: registry.example.com/${s.name}:1.0.${s.plainFiles}`,
    '          ports:', '            - containerPort: 8080', '          resources:', '            limits: { memory: 256Mi, cpu: 500m }',
    '---', 'apiVersion: v1', 'kind: Service', `metadata:\n  name: ${s.name}`, 'spec:', `  selector:\n    app: ${s.name}`,
    '  ports:', '    - port: 80', '      targetPort: 8080', '',
  ].join('\n');
}

function writeSharedFiles(services) {
  add('ports.yaml', plan(services));
  add('.gitignore', 'node_modules/\ndist/\n*.log\n');
  add('README.md', `# Bench monorepo\n\n${services.length} synthetic services generated by scripts/bench-generate.mjs (seed ${args.seed}).\n`);
  const apis = services.filter((s) => s.kind === 'api');
  const lines = ['# Local development URLs', 'NODE_ENV=development'];
  for (const s of apis.slice(0, 60)) {
    // A few URLs follow the plan where the code drifted: stale references.
    if (s.fate === 'drift') counts.staleRefs++;
    lines.push(`${envName(s)}_URL=http://localhost:${s.port}`);
  }
  add('.env', lines.join('\n') + '\n');
  for (let group = 0; group * 25 < apis.length; group++) add(`deploy/compose/docker-compose.${group}.yml`, composeFile(apis.slice(group * 25, group * 25 + 25)));
  add('docker-compose.yml', [
    'services:', '  postgres:', '    image: postgres:16', '    ports:', '      - "5432:5432"',
    '  redis:', '    image: redis:7', '    ports:', '      - "127.0.0.1:6379:6379"', '',
  ].join('\n'));
  for (let group = 0; group * 20 < apis.length; group++) add(`deploy/nginx/site-${group}.conf`, nginxConf(apis.slice(group * 20, group * 20 + 20)));
  for (let i = 0; i * 30 < services.length; i++) {
    const some = services.slice(i * 30, i * 30 + 30);
    add(`docs/services-${i}.md`, `# Services, part ${i + 1}\n\n${some.map((s) => `- **${s.name}** answers on ${s.port}; health at \`/health\`.`).join('\n')}\n`);
  }
}

function plan(services) {
  const out = ['# Port plan of the bench monorepo (generated).', 'version: 1', 'ranges:'];
  for (const r of RANGES) out.push(`  - { name: ${r.name}, ports: ${r.start}-${r.end}, reserved: [${r.reserved[0]}-${r.reserved[1]}] }`);
  out.push('  - { name: Infrastructure }', 'services:');
  for (const s of services) if (s.planned) out.push(`  ${s.name}: { port: ${s.port}, runtime: ${s.family} }`);
  out.push('  postgres: { port: 5432, range: Infrastructure }', '  redis: { port: 6379, range: Infrastructure }', '');
  return out.join('\n');
}

function composeFile(apis) {
  const out = ['services:'];
  for (const s of apis) {
    out.push(`  ${s.name}:`, `    build: ../../services/${s.name}`, '    ports:', `      - "${s.bindPort}:8080"`, '    environment:', `      LOG_LEVEL: info`, '      TIMEOUT_MS: "3000"');
  }
  return out.join('\n') + '\n';
}

function nginxConf(apis) {
  const out = ['server {', '    listen 8080;', '    client_max_body_size 10m;'];
  for (const s of apis) out.push(`    location /${s.name}/ {`, `        proxy_pass http://127.0.0.1:${s.port}/;`, '        proxy_read_timeout 60s;', '    }');
  out.push('}', '');
  return out.join('\n');
}

/** Plain files: no port, but the numbers (timeouts, sizes, statuses, years) a port finder must skip. */
function plainTs(i) {
  return [
    "import { Router } from 'express';",
    '',
    `const PAGE_SIZE = ${10 + i};`,
    `const CACHE_TTL_MS = ${(i + 1) * 1000};`,
    '',
    'export const router = Router();',
    `router.get('/${pick(WORDS)}', (req, res) => {`,
    '  const page = Number(req.query.page ?? 1);',
    '  if (page > 1000) return res.status(400).json({ error: "page too large" });',
    '  res.set("Cache-Control", `max-age=${CACHE_TTL_MS / 1000}`).json({ page, size: PAGE_SIZE, year: 2024 });',
    '});',
    '',
  ].join('\n');
}

function plainGo(i) {
  return [
    `package ${pick(WORDS)}`,
    '',
    'import "time"',
    '',
    `const retries = ${3 + (i % 4)}`,
    `const batch = ${100 * (i + 1)}`,
    '',
    '// Backoff doubles from 250ms, capped at 30s.',
    'func Backoff(attempt int) time.Duration {',
    '\td := 250 * time.Millisecond << attempt',
    '\tif d > 30*time.Second {\n\t\treturn 30 * time.Second\n\t}',
    '\treturn d',
    '}',
    '',
  ].join('\n');
}

function plainPython(i) {
  return [
    '"""Domain helpers (generated)."""',
    '',
    `MAX_ITEMS = ${50 + i}`,
    'TIMEOUT_SECONDS = 30',
    '',
    '',
    'def chunk(items: list, size: int = MAX_ITEMS) -> list[list]:',
    '    return [items[i : i + size] for i in range(0, len(items), size)]',
    '',
  ].join('\n');
}

/** Files that must not be indexed: dependencies and build output, ignored via .gitignore. */
function writeIgnoredNoise() {
  for (let i = 0; i < 20; i++) {
    add(`node_modules/dep-${i}/index.js`, `module.exports = { port: ${3000 + i} };\n`);
    add(`services/dist-${i % 4}/dist/bundle-${i}.js`, `listen(${8000 + i});\n`);
    counts.ignored += 2;
  }
}

function envName(s) {
  return s.name.toUpperCase().replace(/-/g, '_');
}

function add(path, text) {
  files.set(path, text);
}

function flush() {
  for (const [path, text] of files) {
    const full = join(args.outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

function report(services) {
  const byExtension = {};
  for (const path of files.keys()) {
    if (path.startsWith('node_modules/') || path.includes('/dist/')) continue;
    const ext = path.includes('.') ? path.slice(path.lastIndexOf('.')) : path.slice(path.lastIndexOf('/') + 1);
    byExtension[ext] = (byExtension[ext] ?? 0) + 1;
  }
  const indexable = files.size - counts.ignored;
  console.log(`wrote ${files.size} files to ${args.outDir} (${indexable} indexable, ${counts.ignored} ignored by .gitignore)`);
  console.log(`services: ${counts.services} (${services.filter((s) => s.planned).length} planned; ${counts.drift} drift, ${counts.collision} collision, ${counts.unplanned} unplanned; ${counts.staleRefs} stale .env URLs)`);
  console.log(`by type: ${Object.entries(byExtension).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

function parseArgs(argv) {
  const out = { outDir: undefined, files: 2000, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--files') out.files = Number(argv[++i]);
    else if (argv[i] === '--seed') out.seed = Number(argv[++i]);
    else if (!out.outDir) out.outDir = argv[i];
    else fail(`unexpected argument ${argv[i]}`);
  }
  if (!Number.isInteger(out.files) || out.files < 50) fail('--files must be an integer of at least 50');
  if (!Number.isInteger(out.seed)) fail('--seed must be an integer');
  return out;
}

/** Small, fast, seedable PRNG: the same seed always writes the same tree. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(list) {
  return list[Math.floor(random() * list.length)];
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
