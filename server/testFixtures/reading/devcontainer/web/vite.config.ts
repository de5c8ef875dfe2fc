import { defineConfig } from 'vite';

export default defineConfig({
  server: { host: true, port: 4710, proxy: { '/api': 'http://localhost:4700' } },
});
