import { defineConfig } from 'vite';

export default defineConfig({ server: { port: 4802, proxy: { '/api': 'http://localhost:4801' } } });
