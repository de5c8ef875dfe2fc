import { defineConfig } from 'vite';

// Back office: the dev server talks to the gateway like the storefront does.
export default defineConfig({
  server: {
    port: 5107,
    strictPort: true,
    proxy: {
      '/api': 'http://localhost:4100',
    },
  },
  preview: { open: false },
});
