import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverConfigExtractor } from '../../engine/extract/serverConfig';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(serverConfigExtractor, path, text).map((o) => brief(text, o));
}

test('serverConfigExtractor.matches: ini files and hypercorn TOML', () => {
  for (const p of ['uwsgi.ini', 'deploy/app.ini', 'development.ini', 'hypercorn.toml', 'config/hypercorn_prod.toml']) assert.equal(serverConfigExtractor.matches(p), true, p);
  for (const p of ['pyproject.toml', 'Cargo.toml', 'uwsgi.yaml', 'setup.cfg']) assert.equal(serverConfigExtractor.matches(p), false, p);
});

test('uWSGI ini: http, http-socket, socket and stats listen; tuning numbers, comments and Unix sockets do not', () => {
  const text = joinLines(
    '[uwsgi]',
    'module = media.wsgi:application',
    'processes = 4',
    'http = :8013',
    'http-socket = 0.0.0.0:8015',
    'socket = /tmp/media.sock',
    'https = :8443,foo.crt,foo.key',
    'stats = 127.0.0.1:9191',
    '; http = :9999',
    '# socket = :9998',
    'harakiri = 30',
    'buffer-size = 32768',
    'max-requests = 5000',
  );
  assert.deepEqual(briefs('services/media/uwsgi.ini', text), [
    'bind 8013 @4:9',
    'bind 8015 host=0.0.0.0 @5:23',
    'bind 8443 @7:10',
    'bind 9191 label=stats host=127.0.0.1 @8:19',
  ]);
});

test('PasteDeploy [server:main]: port with its host, listen addresses; other sections are not servers', () => {
  const text = joinLines(
    '[app:main]',
    'use = egg:myapp',
    'port = 9999',
    '',
    '[server:main]',
    'use = egg:waitress#main',
    'port = 6543',
    'host = 127.0.0.1',
    'threads = 8',
    '',
    '[server:alt]',
    'use = egg:waitress#main',
    'listen = localhost:6544 [::1]:6545',
  );
  assert.deepEqual(briefs('development.ini', text), [
    'bind 6543 host=127.0.0.1 @7:8',
    'bind 6544 host=localhost @13:20',
    'bind 6545 host=[::1] @13:31',
  ]);
});

test('an ini file without a server section is silent (tox, pytest, alembic)', () => {
  const text = joinLines('[pytest]', 'timeout = 300', '[alembic]', 'sqlalchemy.url = postgresql://localhost:5432/app', 'http = :8000');
  assert.deepEqual(briefs('pytest.ini', text), []);
});

test('hypercorn TOML: bind lists over lines, insecure_bind, quic_bind on UDP; tables and tuning numbers are silent', () => {
  const text = joinLines(
    '# hypercorn --config hypercorn.toml notify.app:app',
    'bind = ["0.0.0.0:8010"]',
    'insecure_bind = [',
    '  "0.0.0.0:8011",',
    '  "[::]:8012",  # both stacks',
    ']',
    "quic_bind = '0.0.0.0:8443'",
    'workers = 2',
    'h11_max_incomplete_size = 16384',
    '# bind = ["0.0.0.0:9999"]',
    '[logging]',
    'bind = "0.0.0.0:9998"',
  );
  const occurrences = extractWith(serverConfigExtractor, 'hypercorn.toml', text);
  assert.deepEqual(occurrences.map((o) => brief(text, o)), [
    'bind 8010 host=0.0.0.0 @2:18',
    'bind 8011 host=0.0.0.0 @4:12',
    'bind 8012 host=[::] @5:9',
    'bind 8443 host=0.0.0.0 @7:22',
  ]);
  assert.equal(occurrences[3].protocol, 'udp');
});

test('a hypercorn bind to a Unix socket or a file descriptor is no port', () => {
  assert.deepEqual(briefs('hypercorn.toml', 'bind = ["unix:/run/notify.sock", "fd://3"]'), []);
});
