/**
 * Vite config of the inspector page. `harness serve` builds it on demand (inspector/server/static.ts);
 * `npm run inspector:dev` serves it with hot reload and proxies `/__harness` to a running `harness serve`
 * (HARNESS_URL, default http://127.0.0.1:8080).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const target = process.env.HARNESS_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../.harness-out/inspector/dev',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/__harness': {
        target,
        changeOrigin: true,
        // `harness serve` refuses requests from other origins: the dev page's own requests are sent on as the target's
        // origin; a request from any other page keeps its Origin and is refused there
        configure: (proxy) =>
          proxy.on('proxyReq', (out, req) => {
            if (req.headers.origin === `http://${req.headers.host}`) out.setHeader('origin', new URL(target).origin);
          }),
      },
    },
  },
});
