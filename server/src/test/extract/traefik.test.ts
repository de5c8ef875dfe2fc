import assert from 'node:assert/strict';
import { test } from 'node:test';
import { traefikExtractor } from '../../engine/extract/traefik';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(traefikExtractor, path, text).map((o) => `${brief(text, o)}${o.protocol ? ` ${o.protocol}` : ''}`);
}

test('traefikExtractor.matches: traefik.* and dynamic.* YAML/TOML, files under traefik/; not Compose files', () => {
  for (const p of ['traefik.yml', 'traefik.toml', 'config/traefik.dev.yaml', 'traefik/dynamic/routes.yml', 'dynamic.toml', 'Traefik/conf.toml']) {
    assert.equal(traefikExtractor.matches(p), true, p);
  }
  for (const p of ['traefik/docker-compose.yml', 'traefik.json', 'config.yml', 'routes.yml', 'traefik.md']) assert.equal(traefikExtractor.matches(p), false, p);
});

test('static YAML: entry point addresses are binds labelled with their name; provider endpoints are references', () => {
  const text = joinLines(
    'entryPoints:',
    '  web:',
    '    address: ":80"',
    '    http:',
    '      redirections:',
    '        entryPoint: { to: websecure, scheme: https }',
    '  websecure:',
    "    address: ':443'",
    '  metrics:',
    '    address: 127.0.0.1:8082',
    '  dns:',
    '    address: ":53/udp"',
    'providers:',
    '  docker:',
    '    endpoint: "tcp://socket-proxy:2375"',
    '    exposedByDefault: false',
    'api:',
    '  dashboard: true',
  );
  assert.deepEqual(briefs('traefik.yml', text), [
    'bind 80 label=web @3:16',
    'bind 443 label=websecure @8:16',
    'bind 8082 label=metrics host=127.0.0.1 @10:24',
    'bind 53 label=dns @12:16 udp',
    'reference 2375 host=socket-proxy @15:35',
  ]);
});

test('static TOML: tables, dotted keys and inline tables', () => {
  const text = joinLines(
    '[entryPoints]',
    '  [entryPoints.web]',
    '    address = ":80" # plain HTTP',
    '  [entryPoints."web-secure"]',
    "    address = ':443'",
    '[entryPoints.admin]',
    '  address = "[::1]:9000"',
    '[entryPoints]',
    '  other = { address = ":8081" }',
    '  extra.address = ":8082"',
    '[providers.consul]',
    '  endpoints = ["consul:8500", "10.0.0.9:8500"]',
  );
  assert.deepEqual(briefs('traefik.toml', text), [
    'bind 80 label=web @3:17',
    'bind 443 label=web-secure @5:17',
    'bind 9000 label=admin host=[::1] @7:20',
    'bind 8081 label=other @9:25',
    'bind 8082 label=extra @10:21',
    'reference 8500 host=consul @12:24',
    'reference 8500 host=10.0.0.9 @12:41',
  ]);
});

test('variant: dynamic configs route to upstream servers (YAML and TOML, http, tcp and udp)', () => {
  const yaml = joinLines(
    'http:',
    '  routers:',
    '    api: { rule: "Host(`api.home`)", service: api, priority: 10 }',
    '  services:',
    '    api:',
    '      loadBalancer:',
    '        servers:',
    '          - url: "http://api:3000"',
    '          - url: http://10.0.0.4:3000/',
    '        healthCheck: { interval: 10s, timeout: 3s }',
    'tcp:',
    '  services:',
    '    db:',
    '      loadBalancer:',
    '        servers: [{ address: "db:5432" }]',
    'udp:',
    '  services:',
    '    dns:',
    '      loadBalancer:',
    '        servers:',
    '          - address: "coredns:53"',
  );
  assert.deepEqual(briefs('traefik/dynamic/routes.yml', yaml), [
    'reference 3000 host=api @8:30',
    'reference 3000 host=10.0.0.4 @9:34',
    'reference 5432 host=db @15:34',
    'reference 53 host=coredns @21:31 udp',
  ]);
  const toml = joinLines(
    '[http.services.api.loadBalancer]',
    '  [[http.services.api.loadBalancer.servers]]',
    '    url = "http://api:3000"',
    '[http.services.web.loadBalancer]',
    '  servers = [',
    '    { url = "http://web-1:8080" },',
    '    { url = "http://web-2:8080" },',
    '  ]',
    '  passHostHeader = true',
  );
  assert.deepEqual(briefs('dynamic.toml', toml), [
    'reference 3000 host=api @3:23',
    'reference 8080 host=web-1 @6:27',
    'reference 8080 host=web-2 @7:27',
  ]);
});

test('silent twin: middlewares, timeouts, TLS, log settings, ports without a host, manifests and other YAML', () => {
  const yaml = joinLines(
    'http:',
    '  middlewares:',
    '    limit:',
    '      rateLimit: { average: 100, burst: 50 }',
    '    redirect:',
    '      redirectScheme: { scheme: https, port: "8443" }',
    '  services:',
    '    bare:',
    '      loadBalancer:',
    '        servers:',
    '          - url: ":8080"',
    'serversTransport:',
    '  forwardingTimeouts: { dialTimeout: 30s }',
    'log:',
    '  level: INFO',
    '  maxAge: 14',
    '# entryPoints: { web: { address: ":81" } }',
  );
  assert.deepEqual(briefs('traefik/dynamic.yml', yaml), []);
  const manifest = joinLines(
    'apiVersion: traefik.io/v1alpha1',
    'kind: IngressRoute',
    'entryPoints:',
    '  web: { address: ":80" }',
  );
  assert.deepEqual(briefs('traefik/ingress.yaml', manifest), []);
  assert.deepEqual(briefs('traefik/values.yaml', joinLines('ports:', '  web:', '    port: 8000', '    exposedPort: 80')), []);
  assert.deepEqual(briefs('traefik.toml', joinLines('[entryPoints.web]', '  address = ":80', '[log]', '  level = "DEBUG" # 9999')), []);
});
