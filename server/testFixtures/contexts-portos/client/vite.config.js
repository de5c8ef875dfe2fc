import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '0.0.0.0',
    port: Number(process.env.VITE_PORT) || 5554,
    strictPort: true,
    proxy: {
      '/api': 'http://localhost:5555',
      '/socket.io': { target: 'http://localhost:5555', ws: true }
    }
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 1500 }
});
