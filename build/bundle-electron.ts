// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as sandboxed preloads must be).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'vite';
import { electronDist, packageRoot } from '../src/kiosk/app/paths.ts';

const pkg = (await import(path.join(packageRoot, 'package.json'), { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
const externals = ['electron', ...builtinModules, ...Object.keys(pkg.dependencies)];
const external = (id: string) => id.startsWith('node:') || externals.some((name) => id === name || id.startsWith(`${name}/`));

export async function buildElectron(): Promise<void> {
  const here = path.join(packageRoot, 'electron');
  const bundles = [
    { entry: path.join(here, 'main/main.ts'), fileName: 'main.js', format: 'es' as const, external },
    // The console worker (src/kiosk/app/console-work), a thread of the main process loaded from its own file.
    { entry: path.join(packageRoot, 'src/kiosk/app/console-work/worker.ts'), fileName: 'console-worker.js', format: 'es' as const, external },
    // A sandboxed preload may require only 'electron': everything else is bundled in.
    { entry: path.join(here, 'preload/preload.ts'), fileName: 'preload.cjs', format: 'cjs' as const, external: ['electron'] },
  ];
  for (const [index, bundle] of bundles.entries()) {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir: electronDist,
        emptyOutDir: index === 0,
        ssr: bundle.entry,
        target: 'node22',
        minify: false,
        rollupOptions: { external: bundle.external, output: { format: bundle.format, entryFileNames: bundle.fileName } },
      },
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await buildElectron();
