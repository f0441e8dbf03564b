import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Built by the root `npm run build` into dist/services/portal/web, which the portal serves.
// `npx vite --config services/portal/web/vite.config.mts` serves the sources with hot reload and sends
// the API and sign-in calls to a portal already running on :3000.
export default defineConfig({
  root: here,
  base: '/',
  // The web app shares only the pure kernel with the services (the F-03 form, for one).
  resolve: { alias: { '@lib/kernel': fileURLToPath(new URL('../../../libs/kernel/src', import.meta.url)) } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../../dist/services/portal/web', import.meta.url)),
    emptyOutDir: true,
    // No inline <script>: the portal's Content-Security-Policy allows only this origin's files.
    assetsInlineLimit: 0,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-query marks its hooks "use client" for React Server Components; meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' },
  },
});
