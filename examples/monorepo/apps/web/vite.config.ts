import { defineConfig } from 'vite';

// The dev server's port comes from package.json (`vite --port ...`); API calls go to the gateway.
export default defineConfig({
  server: {
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:4100', changeOrigin: true, rewrite: (path) => path.replace(/^\/api/, '') },
    },
  },
  build: { target: 'es2020', chunkSizeWarningLimit: 600 },
});
