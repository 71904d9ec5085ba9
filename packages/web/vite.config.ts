import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** @mantine/charts, recharts and the d3 modules only recharts uses. */
const CHARTS = String.raw`@mantine[\\/]charts|recharts|d3-|victory-vendor|internmap|decimal\.js-light`;

export default defineConfig({
  // Absolute base: the server answers every client route (/environnement/comptes…) with index.html,
  // and a relative `./assets/…` would then resolve under that route and fail.
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine[\\/](?!charts)|@floating-ui[\\/])/, priority: 2 },
            { name: 'vendor', test: new RegExp(`node_modules[\\\\/](?!${CHARTS})`), priority: 1 },
            // The charts only in the lazy pages that draw them: grouped last, so that their chunk
            // takes none of the modules the first page shares.
            { name: 'charts', test: new RegExp(`node_modules[\\\\/](${CHARTS})`), priority: 0 },
          ],
        },
      },
    },
  },
});
