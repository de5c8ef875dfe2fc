import { env } from '$env/dynamic/private';
import type { PageServerLoad } from './$types';

// Set by apps/playground/docker-compose.yml; for `pnpm dev` put it in .env.local.
const apiUrl = env.API_URL;

export const load: PageServerLoad = async ({ fetch }) => {
  const res = await fetch(`${apiUrl}/health`);
  return { api: res.ok ? await res.json() : { ok: false, status: res.status } };
};
