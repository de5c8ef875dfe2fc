import { defineConfig } from 'vite';

export default defineConfig({
  server: { port: 4310, proxy: { '/v1': 'http://localhost:4302' } },
});
