import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nginxExtractor } from '../../engine/extract/nginx';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(nginxExtractor, path, text).map((o) => brief(text, o));
}

test('nginxExtractor.matches: which paths it reads', () => {
  for (const p of ['nginx.conf', 'deploy/nginx/site.conf', 'templates/default.conf.template', 'etc/nginx/sites-available/app', 'sites-enabled/app', 'conf.d/app.conf', 'nginx-proxy/conf']) assert.equal(nginxExtractor.matches(p), true, p);
  for (const p of ['app.conf', 'conf/app.yaml', 'etc/supervisord.conf', 'README.md']) assert.equal(nginxExtractor.matches(p), false, p);
});

test('listen binds with its address; proxy, grpc, fastcgi and upstream servers are references; sizes, timeouts, codes and comments are silent', () => {
  const text = joinLines(
    'worker_processes auto;',
    'events { worker_connections 1024; }',
    'http {',
    '  keepalive_timeout 65;',
    '  client_max_body_size 100M;',
    '  upstream app { server app:3000 weight=5; server 10.0.0.2:3001 max_fails=3; }',
    '  server {',
    '    listen 80; listen [::]:80;',
    '    listen 127.0.0.1:8443 ssl;',
    '    # listen 9999;',
    '    server_name example.com;',
    '    error_page 404 500 /50x.html;',
    '    location / { proxy_pass http://backend:8000; }',
    '    location /grpc { grpc_pass grpc://orders:50051; }',
    '    location ~ \\.php$ { fastcgi_pass php:9000; }',
    '    location /old { return 301 https://$host/new; }',
    '  }',
    '}',
  );
  assert.deepEqual(briefs('deploy/nginx/nginx.conf', text), [
    'reference 3000 host=app @6:29',
    'reference 3001 host=10.0.0.2 @6:60',
    'bind 80 @8:12',
    'bind 80 host=[::] @8:28',
    'bind 8443 host=127.0.0.1 @9:22',
    'reference 8000 host=backend @13:44',
    'reference 50051 host=orders @14:46',
    'reference 9000 host=php @15:42',
  ]);
});

test('a .conf that is not nginx (no server/http/location block) yields nothing', () => {
  const text = joinLines(
    'listen 80;',
    'server_name x;',
  );
  assert.deepEqual(briefs('conf.d/x.conf', text), [

  ]);
});
