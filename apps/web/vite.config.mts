import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** The budget for the JavaScript a first visit loads (entry chunk and its static imports), gzipped. */
const INITIAL_JS_BUDGET_BYTES = 300_000;

/**
 * Reports the initial JavaScript (gzipped) after every production build and fails the build above the budget.
 * Lazily loaded chunks (the charts) are listed apart: they do not count.
 */
function initialJsBudget(budget: number): Plugin {
  return {
    name: 'baken-initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type === 'chunk')
          chunks.set(fileName, { code: output.code, imports: output.imports, isEntry: output.isEntry });
      }
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName) || !chunks.has(fileName)) return;
        initial.add(fileName);
        chunks.get(fileName)!.imports.forEach(visit);
      };
      for (const [fileName, chunk] of chunks) if (chunk.isEntry) visit(fileName);
      const gzipped = (fileName: string) => gzipSync(chunks.get(fileName)!.code, { level: 9 }).length;
      const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
      const initialBytes = [...initial].reduce((sum, f) => sum + gzipped(f), 0);
      const lazyBytes = [...chunks.keys()].filter((f) => !initial.has(f)).reduce((sum, f) => sum + gzipped(f), 0);
      console.log(
        `\nInitial JavaScript: ${kB(initialBytes)} gzipped (budget ${kB(budget)}; ${initial.size} chunk(s)). Loaded later on demand: ${kB(lazyBytes)} gzipped.`,
      );
      if (initialBytes > budget)
        this.error(`The initial JavaScript (${kB(initialBytes)} gzipped) is over the budget of ${kB(budget)}.`);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // No source maps: they would hand anyone the web UI's source. The API serves none in production either.
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  resolve: {
    alias: {
      '@baken/labels': resolve(import.meta.dirname, '../../libs/labels/src/index.ts'),
      '@baken/charts': resolve(import.meta.dirname, '../../libs/charts/src/index.ts'),
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  plugins: [initialJsBudget(INITIAL_JS_BUDGET_BYTES)],
});
