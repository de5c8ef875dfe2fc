// Seeds a local dev database through the web API (docker compose up first).
const res = await fetch('http://localhost:7300/api/seed', { method: 'POST' });
if (res.status !== 202) throw new Error(`seed failed: ${res.status}`);
