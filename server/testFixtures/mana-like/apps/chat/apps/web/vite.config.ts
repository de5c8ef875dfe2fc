import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    port: 5010,
    strictPort: true,
  },
  optimizeDeps: { exclude: ['@mana/shared-ui'] },
});
