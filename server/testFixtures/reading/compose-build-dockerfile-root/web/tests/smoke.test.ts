import { expect, test } from 'vitest';

const BASE = process.env.WEB_URL ?? 'http://localhost:7300';

test('health answers', async () => {
  const res = await fetch(`${BASE}/api/health`);
  expect(res.status).toBe(200);
}, 15_000);
