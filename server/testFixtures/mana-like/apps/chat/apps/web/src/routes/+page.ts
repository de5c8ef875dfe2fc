import { env } from '$env/dynamic/public';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const res = await fetch(`${env.PUBLIC_CHAT_SERVER_URL}/api/spaces?limit=20`);
  return { spaces: res.ok ? await res.json() : [] };
};
