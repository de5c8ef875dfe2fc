import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonExtractor } from '../../engine/extract/python';
import { brief, extractWith, joinLines } from '../helpers/extract';

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
