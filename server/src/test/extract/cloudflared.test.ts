import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudflaredExtractor } from '../../engine/extract/cloudflared';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(cloudflaredExtractor, path, text).map((o) => brief(text, o));
}

test('cloudflaredExtractor.matches: config.yml anywhere, YAML under a cloudflared path; not Compose files', () => {
  for (const p of ['config.yml', 'caddy/cloudflared/config.yml', '.cloudflared/config.yaml', 'tunnel/cloudflared.yml', 'cloudflared/home.yaml']) {
    assert.equal(cloudflaredExtractor.matches(p), true, p);
  }
  for (const p of ['config.json', 'app/settings.yml', 'cloudflared/docker-compose.yml', 'config.yml.example']) assert.equal(cloudflaredExtractor.matches(p), false, p);
});

test('ingress services are references to their origin, whatever the scheme', () => {
  const text = joinLines(
    'tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef',
    'credentials-file: /etc/cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json',
    'ingress:',
    '  - hostname: git.example.net',
    '    service: http://caddy:80',
    '    originRequest:',
    '      connectTimeout: 30s',
    '      httpHostHeader: git.example.home',
    '  - hostname: ssh.example.net',
    '    service: ssh://gitea:22',
    '  - hostname: app.example.net',
    '    path: /api/v2/*',
    "    service: 'https://localhost:5200'",
    '  - hostname: db.example.net',
    '    service: tcp://[::1]:5432',
    '  - service: http_status:404',
  );
  assert.deepEqual(briefs('caddy/cloudflared/config.yml', text), [
    'reference 80 host=caddy @5:27',
    'reference 22 host=gitea @10:26',
    'reference 5200 host=localhost @13:33',
    'reference 5432 host=[::1] @15:26',
  ]);
});

test('variant: the legacy single-origin url and the metrics listener', () => {
  const text = joinLines(
    'tunnel: home',
    'url: http://localhost:8000',
    'metrics: 0.0.0.0:2000',
    'loglevel: info',
  );
  assert.deepEqual(briefs('cloudflared.yml', text), [
    'reference 8000 host=localhost @2:23',
    'bind 2000 @3:18',
  ]);
  const local = joinLines('ingress:', '  - service: rdp://desktop:3389', 'metrics: localhost:2001');
  assert.deepEqual(briefs('config.yaml', local), ['reference 3389 host=desktop @2:28', 'bind 2001 host=localhost @3:20']);
});

test('silent twin: built-in responders, sockets, ports without a scheme, and a config.yml that is not a tunnel', () => {
  const responders = joinLines(
    'ingress:',
    '  - hostname: hello.example.net',
    '    service: hello_world',
    '  - hostname: sock.example.net',
    '    service: unix:/run/app.sock',
    '  - hostname: noport.example.net',
    '    service: https://backend',
    '  - hostname: bare.example.net',
    '    service: backend:8080',
    '    originRequest: { keepAliveConnections: 100, connectTimeout: 30s, proxyPort: 0 }',
    '  - service: http_status:404',
  );
  assert.deepEqual(briefs('config.yml', responders), []);
  const app = joinLines(
    'server:',
    '  port: 8080',
    'url: http://api:3000',
    'service: http://api:3000',
    'routes:',
    '  ingress: [{ service: "http://x:1" }]',
  );
  assert.deepEqual(briefs('config.yml', app), []);
  assert.deepEqual(briefs('config.yml', 'ingress:\n  - service: "http://a:80\n'), []);
});
