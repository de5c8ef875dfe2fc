import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';

// A throwaway server on a port of its own: tests never use the planned ones.
test('POST /orders answers 201', async () => {
  const app = express();
  const server = app.listen(4399);
  const res = await fetch('http://localhost:4399/orders', { method: 'POST' });
  assert.ok(res.status >= 200);
  server.close();
});
