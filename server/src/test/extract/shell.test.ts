import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellExtractor } from '../../engine/extract/shell';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(shellExtractor, path, text).map((o) => brief(text, o));
}

test('shellExtractor.matches: which paths it reads', () => {
  for (const p of ['start.sh', 'scripts/dev.bash', 'x.zsh', 'bin/serve', 'scripts/deploy']) assert.equal(shellExtractor.matches(p), true, p);
  for (const p of ['bin/app.py', 'docs/start.md', 'serve', 'src/bin/main.rs']) assert.equal(shellExtractor.matches(p), false, p);
});

test('assignments, flags, defaults, docker -p and port-forward; mkdir -p, ssh -p, psql, sleeps and comments are not listeners', () => {
  const text = joinLines(
    '#!/usr/bin/env bash',
    '# old: uvicorn app:app --port 9999',
    'set -euo pipefail',
    'mkdir -p logs && cd logs',
    'PORT=3026 node server.js',
    'export PORT="3027"',
    'export DB_PORT=5432',
    'uvicorn app.main:app --host 0.0.0.0 --port 3028 &',
    'vite --port=5173',
    'node dist/main.js --port "${PORT:-3029}"',
    'docker run -d -p 8080:80 -p 127.0.0.1:5433:5432 \\',
    '  -p 3000-3005:3000-3005 -e PORT=8081 --publish=9000:9001 nginx',
    'kubectl port-forward svc/frontend 8082:80',
    'ssh -p 22 deploy@host',
    'psql --port 5434 -h db',
    'curl -fsS http://localhost:5555/api && curl localhost:5556/health',
    'python3 -m http.server 8001',
    'gunicorn -b 0.0.0.0:8002 app:app',
    'sleep 3000; echo "$#"; timeout 30 true',
  );
  // Same occurrences as before the shared command-line reader; only the order moved: defaults first, then command by command.
  assert.deepEqual(briefs('scripts/start.sh', text), [
    'bind 3029 key=PORT @10:35',
    'bind 3026 key=PORT @5:6',
    'bind 3027 key=PORT @6:14',
    'reference 5432 key=DB_PORT @7:16',
    'bind 3028 @8:44',
    'bind 5173 @9:13',
    'publish 8080 @11:18',
    'expose 80 @11:23',
    'publish 5433 host=127.0.0.1 @11:39',
    'expose 5432 @11:44',
    'publish 3000-3005 @12:6',
    'expose 3000-3005 @12:16',
    'expose 8081 key=PORT @12:34',
    'publish 9000 @12:49',
    'expose 9001 @12:54',
    'bind 8082 @13:35',
    'reference 80 host=frontend @13:40',
    'reference 22 @14:8',
    'reference 5434 @15:13',
    'reference 5555 host=localhost @16:28',
    'reference 5556 host=localhost @16:55',
    'bind 8001 @17:24',
    'bind 8002 host=0.0.0.0 @18:21',
  ]);
});

test('an extensionless script under bin/ is read when its shebang is a shell', () => {
  const text = joinLines(
    '#!/bin/sh',
    'exec node server.js --port 4000',
  );
  assert.deepEqual(briefs('bin/serve', text), [
    'bind 4000 @2:28',
  ]);
});

test('an extensionless file without a shell shebang is left alone', () => {
  const text = joinLines(
    '#!/usr/bin/env python3',
    'PORT=4001',
  );
  assert.deepEqual(briefs('scripts/tool', text), [

  ]);
});

test('a port given to a workspace program belongs to that program; clients, php -S and IPv6 binds', () => {
  const text = joinLines(
    '#!/usr/bin/env bash',
    'PORT=4101 node services/auth/dist/server.js &',
    'node services/billing/dist/server.js --port 4102 &',
    'php -S localhost:8000 -t public',
    'gunicorn -b [::]:8003 app:app',
    'mysql -h db -P 3306 -u root',
    'scp -P 2222 build.tgz deploy@host:/srv',
    'kubectl port-forward -n prod svc/api 9000:80',
    'cp -p a b && tsc -p tsconfig.json && sort -S 1000 big.txt',
    'TIMEOUT=3000 ./scripts/wait.sh',
  );
  assert.deepEqual(briefs('scripts/dev.sh', text), [
    'bind 4101 owner=services/auth/dist/server.js key=PORT @2:6',
    'bind 4102 owner=services/billing/dist/server.js @3:45',
    'bind 8000 host=localhost @4:18',
    'bind 8003 host=[::] @5:18',
    'reference 3306 @6:16',
    'reference 2222 @7:8',
    'bind 9000 @8:38',
    'reference 80 host=api @8:43',
  ]);
});

test("a test's script starts throwaway servers and containers: every port is a reference", () => {
  const text = joinLines(
    '#!/bin/sh',
    'docker run -d -p 18080:80 nginx',
    'PORT=4999 node server.js',
    'mkdir -p logs',
  );
  assert.deepEqual(briefs('tests/e2e/run.sh', text), [
    'reference 18080 @2:18',
    'reference 80 @2:24',
    'reference 4999 key=PORT @3:6',
  ]);
});

test('Python application servers: gunicorn -c and --bind=, hypercorn binds, waitress-serve, daphne -p, uwsgi sockets', () => {
  const text = joinLines(
    '#!/bin/sh',
    'gunicorn -c config.py orders.wsgi:application',
    'gunicorn -c gunicorn.conf.py --bind=:8000 --workers 3 --timeout 60 app:app',
    'gunicorn app:app -b unix:/run/app.sock --max-requests 500',
    'hypercorn chat.asgi:app --bind 127.0.0.1:8011 --insecure-bind 0.0.0.0:8012 --quic-bind 0.0.0.0:8443 --keep-alive 75',
    'hypercorn --config hypercorn.toml notify.app:app',
    'waitress-serve --host 127.0.0.1 --port=8007 --threads=8 --call legacy:create_app',
    'waitress-serve --listen=*:8008 legacy:app',
    'daphne -b 0.0.0.0 -p 8012 admin.asgi:application',
    'uwsgi --http :8013 --http-socket 0.0.0.0:8015 --socket /tmp/u.sock --https :8444,cert.pem,key.pem --processes 4 -p 4',
    'curl --socket 9999 --http 9998 example.com',
  );
  const occurrences = extractWith(shellExtractor, 'start.sh', text);
  assert.deepEqual(occurrences.map((o) => brief(text, o)), [
    'bind 8000 @3:38',
    'bind 8011 host=127.0.0.1 @5:42',
    'bind 8012 host=0.0.0.0 @5:71',
    'bind 8443 host=0.0.0.0 @5:96',
    'bind 8007 @7:40',
    'bind 8008 host=* @8:27',
    'bind 8012 @9:22',
    'bind 8013 @10:15',
    'bind 8015 host=0.0.0.0 @10:42',
    'bind 8444 @10:77',
  ]);
  assert.equal(occurrences.find((o) => o.port === 8443)?.protocol, 'udp');
});

test("a script that starts a Procfile manager sets its base port: the script only refers to it, the Procfile's processes bind it", () => {
  const binDev = joinLines(
    '#!/usr/bin/env sh',
    'if ! gem list foreman -i --silent; then gem install foreman; fi',
    '# Default to port 3400 if not specified',
    'export PORT="${PORT:-3400}"',
    'export REDIS_PORT=6379',
    'exec foreman start -f Procfile.dev "$@"',
  );
  assert.deepEqual(briefs('bin/dev', binDev), ['reference 3400 key=PORT @4:22', 'reference 6379 key=REDIS_PORT @5:19']);
  assert.deepEqual(briefs('bin/dev', '#!/bin/sh\nOVERMIND_PORT=3900 PORT=3000 exec overmind start'), ['reference 3900 key=OVERMIND_PORT @2:15', 'reference 3000 key=PORT @2:25']);
  // Without a manager, the same lines are the process's own port.
  assert.deepEqual(briefs('bin/dev', '#!/bin/sh\nexport PORT="${PORT:-3400}"\nexec bin/rails server'), ['bind 3400 key=PORT @2:22']);
});

test('quotes hold separators and spaces: a single-quoted string ends only at its quote, a double-quoted one skips escaped quotes', () => {
  const text = joinLines(
    "echo 'a; b | c \\' && PORT=3030 node a.js",
    'echo "x \\" ; y" && PORT=3031 node b.js',
    'echo\u00a0x; PORT=3032\u3000node c.js',
  );
  assert.deepEqual(briefs('start.sh', text), ['bind 3030 key=PORT @1:27', 'bind 3031 key=PORT @2:25', 'bind 3032 key=PORT @3:14']);
});
