import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownExtractor } from '../../engine/extract/markdown';
import { brief, extractWith, joinLines } from '../helpers/extract';

function briefs(path: string, text: string): string[] {
  return extractWith(markdownExtractor, path, text).map((o) => brief(text, o));
}

test('markdownExtractor.matches: which paths it reads', () => {
  for (const p of ['README.md', 'docs/guide.mdx', 'notes.markdown']) assert.equal(markdownExtractor.matches(p), true, p);
  for (const p of ['README.txt', 'docs/index.html']) assert.equal(markdownExtractor.matches(p), false, p);
});

test('ports in prose, tables, inline code and fences are doc; dates, versions, issues, sizes, status codes and comments are not', () => {
  const text = joinLines(
    '# Orders service',
    '',
    'Run it on port 3026, or open `localhost:3000` in a browser.',
    'The API listens on :3050 and also serves ports 3001, 3002 and 3003.',
    'Released 2026-04-08 as v1.2.3 (see #1234); the image is 100 MB and `/missing` returns 404.',
    'Set the port to `8080` before starting; the build takes `2024` ms.',
    '<!-- port 7777 is retired -->',
    '',
    '| Port | Service | Notes |',
    '|------|---------|-------|',
    '| 3001 | mana-auth | since 2024 |',
    '| 3006-3009 | *(reserved)* | |',
    '',
    '| Step | Minutes |',
    '|------|---------|',
    '| 1 | 1500 |',
    '',
    '```bash',
    'docker run -p 8080:80 nginx',
    'npm run dev -- --port 5173',
    'curl http://api:3002/health',
    '```',
    '',
    '```yaml',
    'services:',
    '  db:',
    '    image: postgres:15',
    '    ports:',
    '      - "5433:5432"',
    '```',
    'Visit http://localhost:4000/docs. Port: 9090',
  );
  assert.deepEqual(briefs('docs/README.md', text), [
    'doc 3001 @11:3',
    'doc 3006-3009 @12:3',
    'doc 8080 @19:15',
    'doc 80 @19:20',
    'doc 5173 @20:23',
    'doc 5433 @29:10',
    'doc 5432 @29:15',
    'doc 3026 @3:16',
    'doc 3000 host=localhost @3:41',
    'doc 3001 @4:48',
    'doc 3002 @4:54',
    'doc 3003 @4:63',
    'doc 3050 @4:21',
    'doc 8080 @6:18',
    'doc 9090 @31:41',
    'doc 3002 host=api @21:17',
    'doc 4000 host=localhost @31:24',
  ]);
});
