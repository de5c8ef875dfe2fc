import { expect, test } from '@playwright/test';

test('creates an invoice', async ({ request }) => {
  const res = await request.post('http://localhost:4070/invoices');
  expect(res.status()).toBe(201);
});
