import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileExtractor } from '../../engine/extract/dockerfile';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(text: string): string[] {
  return extractWith(dockerfileExtractor, 'api/Dockerfile', text).map((o) => brief(text, o));
}

test('matches Dockerfile and Containerfile names', () => {
  for (const p of ['Dockerfile', 'api/Dockerfile.dev', 'web.Dockerfile', 'x/app.dockerfile', 'Containerfile']) assert.equal(dockerfileExtractor.matches(p), true, p);
  for (const p of ['Dockerfile-notes.md', 'dockerfiles/README.md', '.dockerignore']) assert.equal(dockerfileExtractor.matches(p), false, p);
});

test('EXPOSE, ENV, ARG, HEALTHCHECK and the command line', () => {
  const text = joinLines(
    'FROM node:18-alpine AS build',
    'ARG PORT=8080',
    'ENV PORT=8080 NODE_ENV=production',
    'ENV METRICS_PORT 9464',
    'ENV API_PORT="3001" \\',
    '    UPSTREAM_URL=http://backend:5000',
    'EXPOSE 8080 8081/tcp 9000-9005',
    'HEALTHCHECK --interval=30s --timeout=3s \\',
    '  CMD curl -f http://localhost:8080/health || exit 1',
    'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "app:app"]',
  );
  assert.deepEqual(briefs(text), [
    'expose 8080 key=PORT @2:10',
    'expose 8080 key=PORT @3:10',
    'expose 9464 key=METRICS_PORT @4:18',
    'expose 3001 key=API_PORT @5:15',
    'reference 5000 host=backend key=UPSTREAM_URL @6:33',
    'expose 8080 @7:8',
    'expose 8081 @7:13',
    'expose 9000-9005 @7:22',
    'reference 8080 host=localhost @9:32',
    'expose 8000 host=0.0.0.0 @10:37',
  ]);
});

test('shell-form entrypoints with port flags across continuation lines', () => {
  const text = joinLines(
    'ENTRYPOINT uvicorn main:app \\',
    '    # the port the platform expects',
    '    --host 0.0.0.0 --port 8000',
    'CMD python -m http.server 8001',
    'CMD ["manage.py", "runserver", "0.0.0.0:8002"]',
    'ENV FLASK_RUN_PORT 8003',
    'ENV ASPNETCORE_HTTP_PORTS=8004',
  );
  assert.deepEqual(briefs(text), [
    'expose 8000 @3:27',
    'expose 8001 @4:27',
    'expose 8002 host=0.0.0.0 @5:41',
    'expose 8003 key=FLASK_RUN_PORT @6:20',
    'expose 8004 key=ASPNETCORE_HTTP_PORTS @7:27',
  ]);
});

test('base images, users, redirections and comments are not ports', () => {
  const text = joinLines(
    'FROM python:3.11-slim',
    'FROM --platform=linux/amd64 node:18.17.1',
    'USER 1000',
    'RUN useradd -u 1001 app && apt-get install -y curl 2>&1 | tee /tmp/log',
    'RUN mkdir -p /app && chmod 755 /app',
    '# EXPOSE 3000',
    'WORKDIR /srv/8080',
    'ENV NODE_MAJOR=20 TIMEOUT=3000',
    'STOPSIGNAL 15',
  );
  assert.deepEqual(briefs(text), []);
});
