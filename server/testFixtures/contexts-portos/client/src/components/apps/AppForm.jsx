import { useState } from 'react';

// A new app gets the next free pair in the user range (5570+); the server checks it again on save.
const EMPTY_APP = { name: '', repoPath: '', uiPort: 5570, apiPort: 5571, startCommand: 'npm run dev' };
const MIN_PORT = 1024;
const MAX_PORT = 65535;

export default function AppForm({ app, suggestedPorts, onSave }) {
  const [form, setForm] = useState({ ...EMPTY_APP, ...suggestedPorts, ...app });
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });

  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(form); }}>
      <input value={form.name} onChange={set('name')} placeholder="my-app" maxLength={64} />
      <input value={form.repoPath} onChange={set('repoPath')} placeholder="~/code/my-app" />
      <input type="number" min={MIN_PORT} max={MAX_PORT} value={form.uiPort} onChange={set('uiPort')} placeholder="5570" />
      <input type="number" min={MIN_PORT} max={MAX_PORT} value={form.apiPort} onChange={set('apiPort')} placeholder="5571" />
      <button type="submit">Save</button>
    </form>
  );
}
