import { useState } from 'react';

// Lets a user register a site to crawl: host and port of *their* server.
export function TargetForm({ onSubmit }: { onSubmit: (t: { host: string; port: number }) => void }) {
  const [host, setHost] = useState('example.com');
  const [port, setPort] = useState(8085);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit({ host, port }); }}>
      <input name="host" value={host} onChange={(e) => setHost(e.target.value)} />
      <input name="port" type="number" min={1} max={65535} placeholder="8080" defaultValue={port}
        onChange={(e) => setPort(Number(e.target.value))} />
      <button type="submit">Add target</button>
    </form>
  );
}
