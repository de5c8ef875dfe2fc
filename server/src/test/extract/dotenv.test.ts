import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dotenvExtractor } from '../../engine/extract/dotenv';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(text: string): string[] {
  return extractWith(dotenvExtractor, 'services/api/.env', text).map((o) => brief(text, o));
}

test('matches env files, not .envrc or source files', () => {
  for (const p of ['.env', 'a/.env.local', '.env.example', 'config/backend.env']) assert.equal(dotenvExtractor.matches(p), true, p);
  for (const p of ['.envrc', 'env.ts', 'src/environment.ts', '.environment']) assert.equal(dotenvExtractor.matches(p), false, p);
});

test('listen keys bind; other *_PORT, URLs and addresses reference', () => {
  const text = joinLines(
    'PORT=3000',
    'export HTTP_PORT="8080"',
    "SERVER_PORT = '8081'",
    'APP_PORT=${APP_PORT:-4000}',
    'DB_PORT=5432',
    'DATABASE_URL=postgresql://user:pass@localhost:5432/app?sslmode=disable',
    'REDIS_URL="redis://cache:6379/0"',
    'KAFKA_BROKERS=kafka-1:9092,kafka-2:9093',
    'NEXT_PUBLIC_API_URL=http://localhost:3001 # the API',
  );
  assert.deepEqual(briefs(text), [
    'bind 3000 key=PORT @1:6',
    'bind 8080 key=HTTP_PORT @2:19',
    'bind 8081 key=SERVER_PORT @3:16',
    'bind 4000 key=APP_PORT @4:22',
    'reference 5432 key=DB_PORT @5:9',
    'reference 5432 host=localhost key=DATABASE_URL @6:47',
    'reference 6379 host=cache key=REDIS_URL @7:26',
    'reference 9092 host=kafka-1 key=KAFKA_BROKERS @8:23',
    'reference 9093 host=kafka-2 key=KAFKA_BROKERS @8:36',
    'reference 3001 host=localhost key=NEXT_PUBLIC_API_URL @9:38',
  ]);
});

test('comments, timeouts, versions and sizes produce nothing', () => {
  const text = joinLines(
    '# port 8080 is used by the proxy',
    '# PORT=9999',
    'TIMEOUT_MS=3000',
    'NODE_VERSION=18.17.0',
    'MAX_UPLOAD_MB=1024',
    'WORKERS=4',
    'PORT=',
    'LOG_LEVEL=debug # was 8080',
    'CACHE_HOST=localhost',
  );
  assert.deepEqual(briefs(text), []);
});

test("ASP.NET Core's ASPNETCORE_URLS (wildcard hosts + and *) and port lists are listeners, labelled by scheme", () => {
  const text = joinLines(
    'ASPNETCORE_URLS=http://+:8000;https://*:8443',
    'DOTNET_URLS="http://localhost:5000"',
    'ASPNETCORE_HTTP_PORTS=8080;8081',
    'ASPNETCORE_HTTPS_PORTS=8444',
    'ASPNETCORE_ENVIRONMENT=Development',
  );
  assert.deepEqual(briefs(text), [
    'bind 8000 label=http host=+ key=ASPNETCORE_URLS @1:26',
    'bind 8443 label=https host=* key=ASPNETCORE_URLS @1:41',
    'bind 5000 label=http host=localhost key=DOTNET_URLS @2:31',
    'bind 8080 key=ASPNETCORE_HTTP_PORTS @3:23',
    'bind 8081 key=ASPNETCORE_HTTP_PORTS @3:28',
    'bind 8444 key=ASPNETCORE_HTTPS_PORTS @4:24',
  ]);
});
