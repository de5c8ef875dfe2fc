import { expect, test } from '@playwright/test';

test('lists upcoming events', async ({ page }) => {
  await page.goto('/events');
  await expect(page.getByRole('heading', { name: 'Upcoming' })).toBeVisible({ timeout: 10_000 });
});
