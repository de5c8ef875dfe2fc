import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caddyExtractor } from '../../engine/extract/caddy';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(text: string, path = 'caddy/Caddyfile'): string[] {
  return extractWith(caddyExtractor, path, text).map((o) => brief(text, o));
}

test('caddyExtractor.matches: Caddyfile and its variants, *.caddy; not Caddy JSON or notes', () => {
  for (const p of ['Caddyfile', 'caddy/Caddyfile', 'Caddyfile.dev', 'deploy/Caddyfile-prod', 'sites/app.caddy', 'conf/site.caddyfile']) {
    assert.equal(caddyExtractor.matches(p), true, p);
  }
  for (const p of ['caddy.json', 'Caddyfile.json', 'docs/Caddyfile.md', 'caddy/docker-compose.yml', 'caddyfile_test.go']) assert.equal(caddyExtractor.matches(p), false, p);
});

test('reverse_proxy upstreams (several per line, `to` in a block) and php_fastcgi are references', () => {
  const text = joinLines(
    '{',
    '\temail admin@example.home',
    '}',
    '',
    'git.example.home {',
    '\treverse_proxy gitea:3000',
    '}',
    '',
    'whoami.example.home {',
    '\treverse_proxy whoami-1:80 whoami-2:80 whoami-3:80 {',
    '\t\tlb_policy round_robin',
    '\t\thealth_interval 10s',
    '\t}',
    '}',
    '',
    'home.example.home {',
    '\treverse_proxy {',
    '\t\tto homepage:3000 http://10.0.0.5:3001',
    '\t}',
    '\tphp_fastcgi app:9000',
    '}',
  );
  assert.deepEqual(briefs(text), [
    'reference 3000 host=gitea @6:22',
    'reference 80 host=whoami-1 @10:25',
    'reference 80 host=whoami-2 @10:37',
    'reference 80 host=whoami-3 @10:49',
    'reference 3000 host=homepage @18:15',
    'reference 3001 host=10.0.0.5 @18:36',
    'reference 9000 host=app @20:18',
  ]);
});

test('site addresses with a port are Caddy\'s own binds, on the interface `bind` names; global ports and admin too', () => {
  const text = joinLines(
    '{',
    '\thttp_port 8080',
    '\thttps_port 8443',
    '\tadmin localhost:2019',
    '}',
    ':8081 {',
    '\trespond "ok" 200',
    '}',
    'localhost:2015, http://app.home:8082 {',
    '\tbind 127.0.0.1',
    '\treverse_proxy /api/* api:3000',
    '\treverse_proxy @ws h2c://ws:50051',
    '}',
    'example.com {',
    '\tfile_server',
    '}',
  );
  assert.deepEqual(briefs(text), [
    'bind 8080 @2:12',
    'bind 8443 @3:13',
    'bind 2019 host=localhost @4:18',
    'bind 8081 @6:2',
    'reference 3000 host=api @11:27',
    'reference 50051 host=ws @12:29',
    'bind 2015 host=127.0.0.1 @9:11',
    'bind 8082 host=127.0.0.1 @9:33',
  ]);
});

test('default_bind applies to sites without a bind of their own; several interfaces or a socket name none', () => {
  const text = joinLines(
    '{',
    '\tdefault_bind 10.0.0.2',
    '}',
    ':8001 {',
    '}',
    ':8002 {',
    '\tbind tcp4/127.0.0.1',
    '}',
    ':8003 {',
    '\tbind 127.0.0.1 [::1]',
    '}',
    ':8004 {',
    '\tbind unix//run/caddy.sock',
    '}',
  );
  assert.deepEqual(briefs(text), ['bind 8001 host=10.0.0.2 @4:2', 'bind 8002 host=127.0.0.1 @6:2', 'bind 8003 @9:2', 'bind 8004 @12:2']);
});

test('variant: a single site without braces, snippets, ranges, forward_auth, heredocs and comments', () => {
  const text = joinLines(
    '(auth) {',
    '\tforward_auth authelia:9091 {',
    '\t\turi /api/verify?rd=https://auth.example.com',
    '\t}',
    '}',
    'import auth',
    ':9080',
    '# reverse_proxy old:9999',
    'respond /banner <<HTML',
    '\treverse_proxy nope:1234',
    '\tHTML 200',
    'reverse_proxy localhost:8001-8003 # the workers',
  );
  assert.deepEqual(briefs(text), [
    'reference 9091 host=authelia @2:24',
    'reference 8001-8003 host=localhost @12:25',
    'bind 9080 @7:2',
  ]);
});

test('silent twin: encode, headers, rate limits, status codes, durations, placeholders and sites without ports', () => {
  const text = joinLines(
    'home.example.home {',
    '\tencode zstd gzip',
    '\theader Cache-Control "max-age=31536000"',
    '\trate_limit {',
    '\t\tzone api { key {remote_host} events 100 window 1m }',
    '\t}',
    '\tredir /old /new 301',
    '\terror /secret 403',
    '\trespond "Not found: port 8080 is gone" 404',
    '\treverse_proxy {$UPSTREAM} unix//run/app.sock https://backend.internal {',
    '\t\thealth_timeout 5s',
    '\t\tfail_duration 30s',
    '\t\tmax_fails 3',
    '\t}',
    '\ttls internal',
    '}',
    ':{$PORT} {',
    '\troot * /srv',
    '}',
  );
  assert.deepEqual(briefs(text), []);
  assert.deepEqual(briefs('reverse_proxy "api:3000\n'), []);
  assert.deepEqual(briefs('}\n}\n:80 {\n'), ['bind 80 @3:2']);
});
