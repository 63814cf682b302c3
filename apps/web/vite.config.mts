import vue from '@vitejs/plugin-vue';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * One Vite workspace, one entry per console. Each console is built into dist/web/<console>/ and
 * served by the NestJS app that owns its API (the workbench by one-window at /).
 * `CONSOLE=workbench vite build` builds one console; `npm run build:web` builds them all.
 */
const here = dirname(fileURLToPath(import.meta.url));
const consoleName = process.env.CONSOLE ?? 'workbench';

export default defineConfig({
  root: resolve(here, consoleName),
  base: '/',
  plugins: [vue()],
  resolve: { alias: { '@web': resolve(here, 'src') } },
  build: {
    outDir: resolve(here, '../../dist/web', consoleName),
    emptyOutDir: true,
    sourcemap: process.env.WEB_SOURCEMAP === '1' ? 'hidden' : false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Element Plus and Vue change less often than the console's own pages: a separate, long-cached chunk
        // ECharts (with zrender) only with the pages that draw charts, loaded on demand: not in the first load
        manualChunks: (id) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'charts' : id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
  },
});
