import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haproxyExtractor } from '../../engine/extract/haproxy';
import { extractWith, brief, joinLines } from '../helpers/extract';

function briefs(text: string, path = 'haproxy/haproxy.cfg'): string[] {
  return extractWith(haproxyExtractor, path, text).map((o) => `${brief(text, o)}${o.protocol ? ` ${o.protocol}` : ''}`);
}

test('haproxyExtractor.matches: haproxy*.cfg and its templates, .cfg files under a haproxy path', () => {
  for (const p of ['haproxy.cfg', 'lb/haproxy-dev.cfg', 'templates/haproxy.cfg.j2', 'haproxy/conf.d/10-api.cfg']) assert.equal(haproxyExtractor.matches(p), true, p);
  for (const p of ['setup.cfg', 'tox.cfg', 'haproxy/docker-compose.yml', 'haproxy.md']) assert.equal(haproxyExtractor.matches(p), false, p);
});

test('bind lines are HAProxy\'s listeners; server lines are references to their host', () => {
  const text = joinLines(
    'global',
    '    maxconn 2000',
    '    log stdout format raw local0',
    'defaults',
    '    mode http',
    '    timeout connect 5s',
    '    timeout client 30s',
    '    retries 3',
    'frontend http-in',
    '    bind *:80',
    '    bind :443 ssl crt /etc/haproxy/certs/site.pem alpn h2,http/1.1',
    '    default_backend api_servers',
    'frontend stats',
    '    bind 127.0.0.1:8404',
    '    stats refresh 10s',
    'backend api_servers',
    '    balance roundrobin',
    '    http-check expect status 200',
    '    server api1 api-1:8080 check inter 2s fall 3 rise 2',
    '    server api2 10.0.0.12:8080 check weight 100 maxconn 500',
  );
  assert.deepEqual(briefs(text), [
    'bind 80 @10:12',
    'bind 443 @11:11',
    'bind 8404 host=127.0.0.1 @14:20',
    'reference 8080 host=api-1 @19:23',
    'reference 8080 host=10.0.0.12 @20:27',
  ]);
});

test('variant: listen sections, address lists, ranges, families, templates, resolvers and mailers', () => {
  const text = joinLines(
    'listen mysql 0.0.0.0:3306',
    '    mode tcp',
    '    server db1 "db-primary:3306" check',
    'frontend multi',
    '    bind :8080,:8081-8083,ipv6@:::8443 # admin ports',
    '    bind quic4@:443 ssl crt /c.pem',
    '    bind unix@/run/haproxy.sock',
    'backend web',
    '    server-template web 1-3 web.internal:9000 check',
    '    server local /run/app.sock',
    '    server noport app2 check',
    'resolvers dns',
    '    nameserver dns1 10.0.0.2:53',
    '    nameserver dns2 tcp@10.0.0.3:53',
    'mailers alerts',
    '    mailer smtp1 mail:587',
  );
  assert.deepEqual(briefs(text), [
    'bind 3306 @1:22',
    'reference 3306 host=db-primary @3:28',
    'bind 8080 @5:11',
    'bind 8081-8083 @5:17',
    'bind 8443 @5:35',
    'bind 443 @6:17 udp',
    'reference 9000 host=web.internal @9:42',
    'reference 53 host=10.0.0.2 @13:30 udp',
    'reference 53 host=10.0.0.3 @14:34',
    'reference 587 host=mail @16:23',
  ]);
});

test('silent twin: limits, timeouts, checks, weights, ACLs, comments, peers, and a .cfg that is not HAProxy', () => {
  const text = joinLines(
    'global',
    '    maxconn 4096',
    '    nbthread 4',
    '    # bind *:9999',
    'defaults',
    '    timeout connect 5s',
    '    timeout http-keep-alive 15000',
    '    default-server inter 3s fall 3 rise 2 maxconn 100',
    'peers mypeers',
    '    peer lb1 10.0.0.1:10000',
    'backend b',
    '    acl is_api path_beg /api:8080',
    '    http-request return status 503 content-type text/plain',
    '    stick-table type ip size 200k expire 30m',
    '    rate-limit sessions 1000',
  );
  assert.deepEqual(briefs(text), []);
  const notHaproxy = joinLines('[metadata]', 'name = x', 'bind = 0.0.0.0:8000', 'server app:8080');
  assert.deepEqual(briefs(notHaproxy, 'haproxy/setup.cfg'), []);
});
