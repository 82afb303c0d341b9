import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer's build: it runs in Node, the code it builds runs in the page (renderer/).
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer');

export default defineConfig({
  root: here,
  // Relative asset paths: the same build loads from the browser host and from Electron's app:// scheme.
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Fonts stay files: the CSP allows fonts only from the page's own origin, not data: URIs.
    assetsInlineLimit: 0,
  },
});
