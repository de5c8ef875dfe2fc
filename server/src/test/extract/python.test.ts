import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonExtractor } from '../../engine/extract/python';
import { assertEachFormAlone, brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(pythonExtractor, path, text).map((o) => brief(text, o));
}

test('pythonExtractor.matches: which paths it reads', () => {
  for (const p of ['app/main.py', 'gunicorn.conf.py', 'tools/run.pyw']) assert.equal(pythonExtractor.matches(p), true, p);
  for (const p of ['app/main.pyc', 'requirements.txt', 'pyproject.toml']) assert.equal(pythonExtractor.matches(p), false, p);
});

test('env defaults, server runners, argparse, settings, gunicorn and gRPC binds; other services and URLs are references; sleeps, statuses, ranges, timeouts, docstrings and comments are silent', () => {
  const text = joinLines(
    'import os',
    'PORT = 8000',
    'DB_PORT = 5432',
    "port = int(os.environ.get('PORT', '8080'))",
    'api_port = os.getenv("PORT", "3026")',
    'os.environ.setdefault("PORT", "3027")',
    'redis_port = os.environ.get("REDIS_PORT", 6379)',
    '"""Run with uvicorn.run(app, port=9999)."""',
    'class Settings(BaseSettings):',
    '    port: int = 8001',
    '    db_port: int = 5433',
    'def main():',
    '    port = 8002',
    '    uvicorn.run(app, host="0.0.0.0", port=8003)',
    "    app.run(host='0.0.0.0', port=os.environ.get(\"FLASK_SERVER_PORT\", 9090), debug=True)",
    '    web.run_app(app, port=8004)',
    '    parser.add_argument("--port", type=int, default=8005, help="Port (default 8005)")',
    '    parser.add_argument("--db-port", default=5434)',
    "    server.add_insecure_port('[::]:50051')",
    "    r = Redis(host='redis', port=6379)",
    '    time.sleep(3000); abort(status_code=404); range(1000); requests.get(url, timeout=30)',
    '    # app.run(port=7777)',
    '    otel = os.getenv("COLLECTOR_SERVICE_ADDR", "localhost:4317")',
    "    channel = grpc.insecure_channel('[::]:8080')",
    'bind = "0.0.0.0:8006"',
  );
  assert.deepEqual(briefs('app/main.py', text), [
    'bind 50051 host=[::] @19:36',
    'bind 8006 host=0.0.0.0 @25:17',
    'bind 8003 @14:43',
    'bind 8004 @16:27',
    'bind 8080 key=PORT @4:36',
    'bind 3026 key=PORT @5:31',
    'bind 3027 key=PORT @6:32',
    'reference 6379 key=REDIS_PORT @7:43',
    'bind 9090 key=FLASK_SERVER_PORT @15:70',
    'bind 8005 @17:53',
    'reference 5434 @18:46',
    'bind 8000 key=PORT @2:8',
    'reference 5432 key=DB_PORT @3:11',
    'bind 8001 @10:17',
    'reference 5433 @11:20',
    'reference 6379 @20:34',
    'reference 4317 host=localhost key=COLLECTOR_SERVICE_ADDR @23:59',
  ]);
});

test('in a test file the PORT default is only a reference', () => {
  const text = joinLines(
    "port = os.environ.get('PORT', \"8080\")",
    "server.add_insecure_port('[::]:' + port)",
  );
  assert.deepEqual(briefs('tests/test_server.py', text), [
    'reference 8080 key=PORT @1:32',
  ]);
});

test('gunicorn and hypercorn bind settings: strings, lists, config.bind, options dicts and env-default f-strings', () => {
  const text = joinLines(
    '"""gunicorn -c config.py app.wsgi:application"""',
    "bind = ['0.0.0.0:8001', '[::]:8002']",
    'insecure_bind = "127.0.0.1:8003"',
    "quic_bind = ['0.0.0.0:8443']",
    "statsd_host = 'localhost:8125'",
    'workers = 4',
    'timeout = 120',
    'limit_request_line = 8190',
    'def main():',
    '    config.bind = ["0.0.0.0:8004"]',
    '    options = {"bind": "%s:%s" % ("0.0.0.0", "8005"), "workers": 3}',
    '    StandaloneApplication(app, {"bind": "0.0.0.0:8006", "timeout": 90}).run()',
  );
  assert.deepEqual(briefs('gunicorn.conf.py', text), [
    'bind 8001 host=0.0.0.0 @2:18',
    'bind 8002 host=[::] @2:31',
    'bind 8003 host=127.0.0.1 @3:28',
    'bind 8443 host=0.0.0.0 @4:23',
    'bind 8004 host=0.0.0.0 @10:29',
    'bind 8006 host=0.0.0.0 @12:50',
    'reference 8125 host=localhost key=statsd_host @5:26',
  ]);
  const quic = extractWith(pythonExtractor, 'gunicorn.conf.py', text).find((o) => o.port === 8443);
  assert.equal(quic?.protocol, 'udp');
});

test('a bind whose port comes from the environment keeps the host and the variable; an f-string of a constant is left to the constant', () => {
  const text = joinLines(
    'import os',
    'bind = f"0.0.0.0:{os.getenv(\'PORT\', \'8016\')}"',
    'bind = "0.0.0.0:" + os.environ.get("GUNICORN_PORT", "8017")',
    'bind = f"0.0.0.0:{PORT}"',
  );
  assert.deepEqual(briefs('config.py', text), [
    'bind 8016 host=0.0.0.0 key=PORT @2:38',
    'bind 8017 host=0.0.0.0 key=GUNICORN_PORT @3:54',
  ]);
});

test('silent twins of a bind: Unix sockets, file descriptors, an indented local, a comparison', () => {
  const text = joinLines(
    "bind = 'unix:/run/app.sock'",
    'bind = ["unix:/tmp/gunicorn.sock", "fd://3"]',
    'def f():',
    '    bind = "0.0.0.0:9999"',
    'if bind == "0.0.0.0:9998": pass',
  );
  assert.deepEqual(briefs('gunicorn.conf.py', text), []);
});

test('waitress serve(port=) and serve(listen=), and a raw socket bind', () => {
  const text = joinLines(
    'from waitress import serve',
    'serve(app, host="0.0.0.0", port=8011, threads=8, channel_timeout=120)',
    "serve(app, listen='*:8012 [::]:8013')",
    'sock.bind(("0.0.0.0", 8014))',
    "s.bind(('', 8015))",
    'sock.bind(("/tmp/x.sock"))',
  );
  assert.deepEqual(briefs('serve.py', text), [
    'bind 8014 host=0.0.0.0 @4:23',
    'bind 8015 @5:13',
    'bind 8011 @2:33',
    'bind 8012 host=* @3:22',
    'bind 8013 host=[::] @3:32',
  ]);
});

test("env helpers with a default in Python: the name decides, a server call's argument binds; other names are silent", () => {
  const text = joinLines(
    'PORT = getenv_int("PORT", 8080)',
    'CACHE_TTL = getenv_int("CACHE_TTL", 3600)',
    'ADMIN_PORT = int_env("ADMIN_PORT", 4043)',
    'WORKERS = env.int("WORKERS", 4)',
    "SMTP = (config.get('smtp_host', 'localhost'), config.get('smtp_port', 25))",
    "MAX_BODY = config.get('max_body_size', 10485760)",
    "web.run_app(app, port=config.get('port', 8081))",
    'HTTP = settings.get("HTTP_PORT", default=8082)',
    'DEBUG_PORT = getattr(settings, "DEBUG_PORT", 5678)',
    'DB = getattr(settings, "DB_PORT", 5432)',
    "# getenv_int('PORT', 9999)",
  );
  assert.deepEqual(briefs('app/config.py', text), [
    'bind 8080 key=PORT @1:27',
    'bind 4043 key=ADMIN_PORT @3:36',
    'reference 25 key=smtp_port @5:71',
    'bind 8081 key=port @7:42',
    'bind 8082 key=HTTP_PORT @8:42',
    'bind 5678 key=DEBUG_PORT @9:46',
    'reference 5432 key=DB_PORT @10:35',
  ]);
});

test('a module holding only one of the forms is still read; one holding none of them is passed over', () => {
  // Each form alone, so the cheap look at the text before lexing must let each through.
  const alone: [string, string][] = [
    ["x = os.getenv('WEB', '8000')", 'reference 8000 key=WEB @1:23'],
    ["w = env('WEB', 8000)", 'reference 8000 key=WEB @1:16'],
    ["e = os.environ.get('WEB', '8000')", 'reference 8000 key=WEB @1:28'],
    ["c = config('WEB', default=8000)", 'reference 8000 key=WEB @1:27'],
    ["sock.bind(('', 8000))", 'bind 8000 @1:16'],
    ["httpd = HTTPServer(('', 8000), Handler)", 'bind 8000 @1:25'],
    ["with socketserver.TCPServer(('', 8000), Handler) as httpd:", 'bind 8000 @1:34'],
    ["make_server('', 8000, app)", 'bind 8000 @1:17'],
    ["run_simple('localhost', 8000, app)", 'bind 8000 @1:25'],
    ['app.run(8000)', 'bind 8000 @1:9'],
    ['serve(8000)', 'bind 8000 @1:7'],
    ['PORT = 8000', 'bind 8000 key=PORT @1:8'],
    ["API = 'http://api:8/x'", 'reference 8 host=api key=API @1:19'],
    ["UPSTREAM = 'billing:4102'", 'reference 4102 host=billing key=UPSTREAM @1:21'],
  ];
  const none = joinLines('import time', '', 'def first(items):', '    return items[:10]', '', 'TIMEOUT = 3000', 'SIZES = {"width": 1024}');
  assertEachFormAlone(pythonExtractor, 'app/main.py', alone, none);
});
