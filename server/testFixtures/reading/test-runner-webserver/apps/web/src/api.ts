const EVENTS_URL = import.meta.env.VITE_EVENTS_URL ?? 'http://localhost:4065';

export async function listEvents(): Promise<unknown[]> {
  const res = await fetch(`${EVENTS_URL}/events?limit=50`);
  if (res.status === 404) return [];
  return res.json();
}
