import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeExtractor } from '../../engine/extract/compose';
import { OccurrenceSink, sourceFile } from '../../engine/extract/extractor';
import { isComposePath } from '../../engine/syntax/fileKinds';
import { brief, extractWith, joinLines } from '../helpers/extract';

const FILE = 'deploy/docker-compose.yml';

function briefs(text: string, path = FILE): string[] {
  return extractWith(composeExtractor, path, text).map((o) => brief(text, o));
}

function facts(text: string) {
  const file = sourceFile(FILE, text);
  const sink = new OccurrenceSink(file, composeExtractor.id);
  composeExtractor.extract(file, sink);
  return sink.facts();
}

test('reads Compose files by name and other YAML files only when their content is a fragment', () => {
  const yes = ['docker-compose.yml', 'a/docker-compose.yaml', 'compose.yaml', 'compose.override.yml', 'docker-compose.macmini.yml', 'docker-compose-dev.yml', 'infra/app.compose.yml'];
  const no = ['composer.json', 'compose.json', 'docker-compose.yml.bak', 'README.md'];
  for (const p of yes) assert.equal(isComposePath(p), true, p);
  for (const p of [...no, 'composer.yml', 'k8s/deployment.yaml', 'ports.yaml']) assert.equal(isComposePath(p), false, p);
  for (const p of no) assert.equal(composeExtractor.matches(p), false, p);
});

test('a fragment without services: (a menu template) is read as the services it holds', () => {
  const text = joinLines('gitea:', '  container_name: gitea', '  image: gitea/gitea:1.22', '  ports:', '    - "3000:3000"', '  expose:', '    - "3001"');
  assert.deepEqual(briefs(text, '.templates/gitea/service.yml'), ['publish 3000 owner=gitea @5:8', 'expose 3000 owner=gitea @5:13', 'expose 3001 owner=gitea @7:8']);
  const file = sourceFile('.templates/gitea/service.yml', text);
  const sink = new OccurrenceSink(file, composeExtractor.id);
  composeExtractor.extract(file, sink);
  assert.equal(sink.facts().compose?.fragment, true);
  assert.deepEqual(sink.facts().compose?.services.map((s) => s.containerName), ['gitea']);
  // Values that are maps however they are written: an anchor before the block, a flow map, a tag, an alias.
  const styles = joinLines('x-base: &base', '  image: busybox', 'db: !!map', '  image: postgres:16', 'web: { image: nginx, ports: ["8080:80"] }', 'worker: *base', '# build: not a service', 'cache:', '  build: ./cache');
  assert.deepEqual(
    extractWith(composeExtractor, '.templates/stack/service.yml', styles).map((o) => brief(styles, o)),
    ['publish 8080 owner=web @5:31', 'expose 80 owner=web @5:36'],
  );
});

test('YAML that is not a fragment says nothing: a manifest, a workflow, settings beside a service', () => {
  const manifest = joinLines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - image: nginx', '      ports:', '        - containerPort: 8080');
  const workflow = joinLines('jobs:', '  test:', '    services:', '      redis:', '        image: redis:7', '        ports:', '          - 6379:6379');
  const mixed = joinLines('defaults:', '  uid: 1000', 'web:', '  image: nginx', '  ports:', '    - "8080:80"');
  // A job named `build:` with an `image:`: a bare top-level key and an indented service key, but `name:` and `on:` are no services.
  const buildJob = joinLines('name: Preview', 'on: [pull_request]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    container:', '      image: node:20', '      ports:', '        - 3000:3000');
  for (const [path, text] of [['k8s/pod.yaml', manifest], ['.github/workflows/ci.yml', workflow], ['.templates/env.yml', mixed], ['.github/workflows/preview.yml', buildJob]]) assert.deepEqual(briefs(text, path), [], path);
});

test('short port syntax: host side published, container side exposed', () => {
  const text = joinLines(
    'services:',
    '  web:',
    '    ports:',
    '      - "3000"',
    '      - 3001',
    '      - "3002:3003"',
    '      - "127.0.0.1:8080:80"',
    '      - "${WEB_PORT:-4000}:3000"',
    '      - "8443:443/udp"',
    '      - "[::1]:5432:5432"',
    "      - '127.0.0.1::9000'",
    '      - "${ONLY_VAR}:7000"',
  );
  assert.deepEqual(briefs(text), [
    'expose 3000 owner=web @4:10',
    'expose 3001 owner=web @5:9',
    'publish 3002 owner=web @6:10',
    'expose 3003 owner=web @6:15',
    'publish 8080 owner=web host=127.0.0.1 @7:20',
    'expose 80 owner=web @7:25',
    'publish 4000 owner=web @8:22',
    'expose 3000 owner=web @8:28',
    'publish 8443 owner=web @9:10',
    'expose 443 owner=web @9:15',
    'publish 5432 owner=web host=::1 @10:16',
    'expose 5432 owner=web @10:21',
    'expose 9000 owner=web @11:21',
    'expose 7000 owner=web @12:22',
  ]);
});

test('published ports are grouped by the Compose file; container ports are not', () => {
  const text = joinLines('services:', '  api:', '    ports: ["3000:80"]');
  const [published, inside] = extractWith(composeExtractor, FILE, text);
  assert.equal(published.group, FILE);
  assert.equal(inside.group, undefined);
});

test('port ranges become one occurrence per side covering the range', () => {
  const text = joinLines('services:', '  rtp:', '    ports:', '      - "10000-10005:20000-20005/udp"');
  const occ = extractWith(composeExtractor, FILE, text);
  assert.deepEqual(occ.map((o) => brief(text, o)), ['publish 10000-10005 owner=rtp @4:10', 'expose 20000-20005 owner=rtp @4:22']);
  assert.deepEqual(occ.map((o) => [o.port, o.portEnd]), [[10000, 10005], [20000, 20005]]);
});

test('long port syntax and expose:', () => {
  const text = joinLines(
    'services:',
    '  proxy:',
    '    ports:',
    '      - target: 80',
    '        published: "8080"',
    '        host_ip: 127.0.0.1',
    '        protocol: tcp',
    '        mode: host',
    '      - target: 443',
    '    expose:',
    '      - "9100"',
    '      - 9200/tcp',
  );
  assert.deepEqual(briefs(text), [
    'publish 8080 owner=proxy host=127.0.0.1 @5:21',
    'expose 80 owner=proxy @4:17',
    'expose 443 owner=proxy @9:17',
    'expose 9100 owner=proxy @11:10',
    'expose 9200 owner=proxy @12:9',
  ]);
});

test('environment: own port exposed, other ports and URLs referenced, list and map forms', () => {
  const text = joinLines(
    'services:',
    '  backend:',
    '    environment:',
    '      - PORT=3000',
    '      - "DB_PORT=5432"',
    '      - DATABASE_URL=postgres://app:secret@db:5432/app',
    '      - CART_SERVICE_ADDR=cart:7070',
    '      - TIMEOUT_MS=3000',
    '      - NODE_VERSION=18',
    '  redis:',
    '    environment:',
    '      REDIS_PORT: 6380',
    '      HTTP_PORT: "8081"',
    '      API_URL: http://backend:3000/api',
    '      MAX_CONNECTIONS: 1000',
  );
  assert.deepEqual(briefs(text), [
    'expose 3000 owner=backend key=PORT @4:14',
    'reference 5432 owner=backend key=DB_PORT @5:18',
    'reference 5432 owner=backend host=db key=DATABASE_URL @6:47',
    'reference 7070 owner=backend host=cart key=CART_SERVICE_ADDR @7:32',
    'expose 6380 owner=redis key=REDIS_PORT @12:19',
    'expose 8081 owner=redis key=HTTP_PORT @13:19',
    'reference 3000 owner=redis host=backend key=API_URL @14:31',
  ]);
});

test('network_mode: host publishes the container ports and PORT on the machine', () => {
  const text = joinLines(
    'services:',
    '  agent:',
    '    network_mode: host',
    '    ports: ["9100"]',
    '    environment:',
    '      PORT: 9101',
    '      UPSTREAM_URL: http://localhost:9000',
    '    command: node agent.js --port 9102',
  );
  const occ = extractWith(composeExtractor, FILE, text);
  assert.deepEqual(occ.map((o) => brief(text, o)), [
    'publish 9100 owner=agent @4:14',
    'publish 9101 owner=agent key=PORT @6:13',
    'reference 9000 owner=agent host=localhost key=UPSTREAM_URL @7:38',
    'publish 9102 owner=agent @8:35',
  ]);
  assert.deepEqual(occ.map((o) => o.group), [FILE, FILE, undefined, FILE]);
});

test('a command that waits for its database is its client, then serves its own port', () => {
  const text = joinLines(
    'services:',
    '  api:',
    '    command: sh -c "until pg_isready -h db -p 5432; do sleep 1; done && exec node server.js --port 3000"',
    '  worker:',
    '    command: wait-for-it db:5432 -- node worker.js --port 3001',
  );
  assert.deepEqual(briefs(text), [
    'reference 5432 owner=api @3:47',
    'expose 3000 owner=api @3:100',
    'expose 3001 owner=worker @5:59',
  ]);
});

test('command, entrypoint, healthcheck and Traefik labels', () => {
  const text = joinLines(
    'services:',
    '  api:',
    '    command: ["gunicorn", "-b", "0.0.0.0:8000", "app:app", "--workers", "4"]',
    '    healthcheck:',
    '      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]',
    '      interval: 30s',
    '      timeout: 10s',
    '    labels:',
    '      - "traefik.http.routers.api.rule=Host(`api.local`)"',
    '      - "traefik.http.services.api.loadbalancer.server.port=8000"',
    '  worker:',
    '    entrypoint: celery -A app worker --concurrency 8',
    '    command: uvicorn main:app --host 0.0.0.0 --port=8001',
    '    labels:',
    '      traefik.http.services.w.loadbalancer.server.port: "8002"',
    '  files:',
    '    command: sh -c "mkdir -p 755 && cp -p a b"',
  );
  assert.deepEqual(briefs(text), [
    'expose 8000 owner=api host=0.0.0.0 @3:42',
    'reference 8000 owner=api host=localhost @5:53',
    'reference 8000 owner=api host=api key=traefik.http.services.api.loadbalancer.server.port @10:61',
    'expose 8001 owner=worker @13:53',
    'reference 8002 owner=worker host=worker key=traefik.http.services.w.loadbalancer.server.port @15:58',
  ]);
});

test('Traefik port labels in map, quoted list, bare list and swarm deploy forms are references to the service\'s own container port', () => {
  const text = joinLines(
    'services:',
    '  wiki:',
    '    expose: ["3000"]',
    '    labels:',
    '      traefik.enable: "true"',
    '      traefik.http.routers.wiki.rule: Host(`wiki.example.home`)',
    '      traefik.http.services.wiki.loadbalancer.server.port: "3030"',
    '  kuma:',
    '    labels:',
    '      - "traefik.http.services.kuma.loadBalancer.server.port=3001"',
    '      - "traefik.http.middlewares.kuma-ratelimit.ratelimit.average=100"',
    '      - "traefik.http.middlewares.kuma-ratelimit.ratelimit.burst=50"',
    '      - traefik.http.services.vault.loadbalancer.server.port=80',
    '      - traefik.http.routers.kuma.priority=42',
    '      - "com.example.port=9999"',
    '  dns:',
    '    deploy:',
    '      labels:',
    '        - traefik.udp.services.dns.loadbalancer.server.port=53',
    '        - traefik.tcp.services.db.loadbalancer.server.port=${DB_PORT:-5432}',
    '        - traefik.http.services.x.loadbalancer.server.scheme=h2c',
  );
  const occurrences = extractWith(composeExtractor, FILE, text);
  assert.deepEqual(occurrences.map((o) => brief(text, o)), [
    'expose 3000 owner=wiki @3:15',
    'reference 3030 owner=wiki host=wiki key=traefik.http.services.wiki.loadbalancer.server.port @7:61',
    'reference 3001 owner=kuma host=kuma key=traefik.http.services.kuma.loadBalancer.server.port @10:62',
    'reference 80 owner=kuma host=kuma key=traefik.http.services.vault.loadbalancer.server.port @13:62',
    'reference 53 owner=dns host=dns key=traefik.udp.services.dns.loadbalancer.server.port @19:61',
    'reference 5432 owner=dns host=dns key=traefik.tcp.services.db.loadbalancer.server.port @20:71',
  ]);
  assert.deepEqual(occurrences.map((o) => o.protocol), [undefined, undefined, undefined, undefined, 'udp', undefined]);
  assert.ok(occurrences.every((o) => o.group === undefined), 'a reference joins no machine group');
});

test('listen addresses in commands and env belong to the service; localhost in health checks is a client', () => {
  const text = joinLines(
    'services:',
    '  traefik:',
    '    command: --providers.docker --entrypoints.web.address=:80 --api.insecure=true',
    '  redpanda:',
    '    command:',
    '      - --pandaproxy-addr 0.0.0.0:8082',
    '      - --advertise-pandaproxy-addr localhost:8082',
    '  backend:',
    '    environment:',
    '      ADDRESS: 0.0.0.0:8000',
    '      CACHE_ADDR: redis:6379',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "curl --silent --fail localhost:8000/health || exit 1"]',
  );
  assert.deepEqual(briefs(text), [
    'expose 80 owner=traefik @3:60',
    'expose 8082 owner=redpanda host=0.0.0.0 @6:35',
    'reference 8082 owner=redpanda host=localhost @7:47',
    'expose 8000 owner=backend host=0.0.0.0 key=ADDRESS @10:24',
    'reference 6379 owner=backend host=redis key=CACHE_ADDR @11:25',
    'reference 8000 owner=backend host=localhost @13:59',
  ]);
});

test('build contexts and included files are resolved against the Compose file folder', () => {
  const text = joinLines(
    'include:',
    '  - ../shared/compose.db.yml',
    '  - path: [monitoring/compose.yml, monitoring/override.yml]',
    'services:',
    '  web:',
    '    build: ./web',
    '  api:',
    '    build:',
    '      context: ../services/api',
    '      dockerfile: Dockerfile.dev',
    '  remote:',
    '    build: https://github.com/acme/app.git#main',
    '  base:',
    '    extends:',
    '      file: common.yml',
    '      service: base',
  );
  const f = facts(text);
  assert.deepEqual(f.compose?.services.map((s) => [s.key, s.build]), [
    ['web', { context: 'deploy/web' }],
    ['api', { context: 'services/api', dockerfile: 'services/api/Dockerfile.dev' }],
    ['remote', undefined],
    ['base', undefined],
  ]);
  assert.deepEqual(f.compose?.merges, ['deploy/common.yml', 'shared/compose.db.yml', 'deploy/monitoring/compose.yml', 'deploy/monitoring/override.yml']);
});

test('anchors and merge keys are followed; their ports keep their own position', () => {
  const text = joinLines(
    'x-env: &env',
    '  PORT: 3000',
    'services:',
    '  a:',
    '    environment: *env',
    '  b:',
    '    <<: { ports: ["4000:4000"] }',
  );
  assert.deepEqual(briefs(text), ['expose 3000 owner=a key=PORT @2:9', 'publish 4000 owner=b @7:20', 'expose 4000 owner=b @7:25']);
});

test('numbers that are not ports produce nothing', () => {
  const text = joinLines(
    'version: "3.8"',
    'services:',
    '  db:',
    '    image: postgres:16.2',
    '    restart: always',
    '    deploy:',
    '      replicas: 3',
    '      resources: { limits: { memory: 512M, cpus: "0.5" } }',
    '    ulimits: { nofile: 65535 }',
    '    user: "1000:1000"',
    '    shm_size: 256mb',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
    '      retries: 5',
    '    # ports: ["5432:5432"]',
  );
  assert.deepEqual(briefs(text), []);
});

test('malformed YAML yields nothing instead of throwing', () => {
  assert.deepEqual(briefs('services:\n  web:\n    ports: ["3000:3000"\n  bad: [\n'), []);
});

test('volumes: relative host paths are mounts of the service; named volumes and absolute paths are not', () => {
  const text = joinLines(
    'services:',
    '  web:',
    '    image: nginx',
    '    volumes:',
    '      - ./nginx/nginx.conf:/etc/nginx/conf.d/default.conf:ro',
    '      - static:/srv/static',
    '      - /var/run/docker.sock:/var/run/docker.sock',
    '      - type: bind',
    '        source: ../shared/certs',
    '        target: /certs',
    '',
  );
  const file = sourceFile(FILE, text);
  const sink = new OccurrenceSink(file, 'compose');
  composeExtractor.extract(file, sink);
  assert.deepEqual(sink.facts().compose?.services.map((s) => [s.key, s.mounts]), [['web', ['deploy/nginx/nginx.conf', 'shared/certs']]]);
});
