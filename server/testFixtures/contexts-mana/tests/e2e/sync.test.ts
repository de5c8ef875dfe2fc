import { describe, expect, it } from 'bun:test';

const auth = process.env.MANA_AUTH_URL!;
const sync = process.env.MANA_SYNC_URL!;

describe('login then sync', () => {
  it('hands out a token that mana-sync accepts', async () => {
    const login = await fetch(`${auth}/api/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: 'e2e@mana.how', password: 'correct-horse-battery' }),
    });
    expect(login.status).toBe(201);
    const { token } = await login.json();
    const health = await fetch(`${sync}/health`, { headers: { Authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
  });
});
