// A file's folder says where it may run and who may import it. The rule, checked on the real import statements of
// every source file:
//
//   src/common            <- everything (zod and the standard library only: no Node, no DOM)
//   src/kiosk/platform    <- kiosk features, the kiosk app, the CLI
//   src/kiosk/features    <- the kiosk app, the CLI (features may use each other, without cycles)
//   src/kiosk/app         <- the CLI, Electron's main process, build scripts
//   src/registry          <- the CLI (the district's own program: it sees only src/common)
//   renderer/             the screen: src/common only, never Node
//   electron/preload      src/common only (a sandboxed preload)
//
// and no cycle between the rooms of the house (a feature, a platform part, a renderer feature ...).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/kiosk.ts';

/** Where code may run, most specific first; the first layer whose folder holds a file is its layer. */
const LAYERS = [
  { name: 'common', dir: 'src/common', mayImport: ['common'], packages: /^zod$/ },
  { name: 'kiosk/platform', dir: 'src/kiosk/platform', mayImport: ['common', 'kiosk/platform'], packages: NODE_PACKAGES() },
  { name: 'kiosk/features', dir: 'src/kiosk/features', mayImport: ['common', 'kiosk/platform', 'kiosk/features'], packages: NODE_PACKAGES() },
  { name: 'kiosk/app', dir: 'src/kiosk/app', mayImport: ['common', 'kiosk/platform', 'kiosk/features', 'kiosk/app', 'build'], packages: NODE_PACKAGES() },
  { name: 'registry', dir: 'src/registry', mayImport: ['common', 'registry'], packages: NODE_PACKAGES() },
  // The CLI builds the screen before `start` when it is missing (vite), and lists serial ports for installers.
  { name: 'cli', dir: 'src/cli', mayImport: ['common', 'kiosk/platform', 'kiosk/features', 'kiosk/app', 'registry', 'cli', 'build'], packages: /^(node:.*|vite|serialport|@zxing\/library)$/ },
  { name: 'electron/main', dir: 'electron/main', mayImport: ['common', 'kiosk/app', 'electron/main'], packages: /^(electron|node:.*)$/ },
  { name: 'electron/preload', dir: 'electron/preload', mayImport: ['common', 'electron/preload'], packages: /^electron$/ },
  { name: 'renderer', dir: 'renderer', mayImport: ['common', 'renderer'], packages: /^(react|react-dom(\/client)?|@zxing\/browser|@tanstack\/react-virtual|@fontsource\/[\w-]+(\/.*)?)$/ },
  { name: 'build', dir: 'build', mayImport: ['kiosk/app', 'build'], packages: /^(node:.*|vite|@vitejs\/plugin-react)$/ },
] as const;
type Layer = (typeof LAYERS)[number];

/** Node's built-ins and the packages the kiosk and the registry run on; never Electron, React or the DOM. */
function NODE_PACKAGES(): RegExp {
  return /^(node:.*|zod|better-sqlite3|better-sqlite3-multiple-ciphers|serialport|@serialport\/.*|node-hid|cbor-x|exceljs|pg|pg-copy-streams|@electric-sql\/pglite)$/;
}

/** Rooms: the folders whose imports of each other must not go round in a circle. */
const ROOM_PARENTS = ['src/common', 'src/kiosk/platform', 'src/kiosk/features', 'src/kiosk/app', 'src/registry', 'src/cli', 'electron', 'renderer/features', 'renderer', 'build'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Every module specifier a file imports (static, dynamic, side-effect and re-exports). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) found.push((match[1] ?? match[2] ?? match[3])!);
  return found;
}

const resolveFrom = (file: string, specifier: string) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
const layerOf = (file: string): Layer | undefined => LAYERS.find((layer) => file.startsWith(`${layer.dir}/`));

/** The room a file lives in: the first folder below its room parent, or the file itself when it sits in the parent. */
export function roomOf(file: string): string {
  const parent = ROOM_PARENTS.find((p) => file.startsWith(`${p}/`))!;
  const rest = file.slice(parent.length + 1).split('/');
  return rest.length > 1 ? `${parent}/${rest[0]}/` : `${parent}/${rest[0]}`;
}

/** What breaks the rule in one file, as `file imports target (why)`. */
export function violations(file: string, source: string): string[] {
  const layer = layerOf(file);
  if (!layer) return [];
  const found: string[] = [];
  for (const specifier of importsOf(source)) {
    if (specifier.startsWith('.')) {
      const target = resolveFrom(file, specifier);
      if (/\.css$/.test(target) && layer.name === 'renderer') continue;
      const targetLayer = layerOf(target);
      if (!targetLayer) found.push(`${file} imports ${target} (outside every layer)`);
      else if (!(layer.mayImport as readonly string[]).includes(targetLayer.name)) found.push(`${file} imports ${target} (${layer.name} may not import ${targetLayer.name})`);
    } else if (!layer.packages.test(specifier)) {
      found.push(`${file} imports the package ${specifier} (not for ${layer.name})`);
    }
  }
  return found;
}

/** Every circle of rooms in the graph, each as the rooms it passes through (Tarjan's strongly connected components). */
export function circles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

const files = ['src', 'electron', 'renderer', 'build'].flatMap(sourceFiles);
const sources = new Map(files.map((file) => [file, readFileSync(path.join(repoRoot, file), 'utf8')]));

function graph(unit: (file: string) => string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [file, source] of sources) {
    const from = unit(file);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const specifier of importsOf(source).filter((s) => s.startsWith('.'))) {
      const target = resolveFrom(file, specifier);
      if (!sources.has(target)) continue;
      const to = unit(target);
      if (to !== from) edges.get(from)!.add(to);
    }
  }
  return edges;
}

describe('the rule itself', () => {
  it('finds imports of every kind', () => {
    expect(importsOf(`import a from 'x';\nexport { b } from "./y.ts";\nconst c = await import('z');\nimport './s.css';\nimport type { D } from 'w';`)).toEqual(['x', './y.ts', 'z', './s.css', 'w']);
  });

  it.each([
    ['src/common/local-time.ts', `import x from 'node:fs';`, 'the package node:fs (not for common)'],
    ['src/common/contract/entries.ts', `import { a } from '../../kiosk/platform/store/open-store.ts';`, 'common may not import kiosk/platform'],
    ['src/kiosk/platform/store/open-store.ts', `import { a } from '../../features/log/index.ts';`, 'kiosk/platform may not import kiosk/features'],
    ['src/registry/server.ts', `import { a } from '../kiosk/features/sync/outbox.ts';`, 'registry may not import kiosk/features'],
    ['renderer/App.tsx', `import { a } from '../src/kiosk/app/create-core.ts';`, 'renderer may not import kiosk/app'],
    ['renderer/App.tsx', `import fs from 'node:fs';`, 'the package node:fs (not for renderer)'],
    ['src/kiosk/features/gate/index.ts', `import { app } from 'electron';`, 'the package electron (not for kiosk/features)'],
    ['electron/preload/preload.ts', `import { a } from '../../src/kiosk/app/create-core.ts';`, 'electron/preload may not import kiosk/app'],
  ])('refuses %s importing what its layer may not', (file, source, why) => {
    expect(violations(file, source)).toEqual([expect.stringContaining(why)]);
    expect(violations(file, source)[0]).toContain(file);
  });

  it('allows what the layers allow', () => {
    expect(violations('src/kiosk/features/gate/index.ts', `import { z } from 'zod';\nimport { a } from '../log/index.ts';\nimport { b } from '../../platform/store/open-store.ts';\nimport { c } from '../../../common/local-time.ts';`)).toEqual([]);
    expect(violations('renderer/features/checkpoint/flow.ts', `import { decide } from '../../../src/common/gate-rules/decide.ts';\nimport './flow.css';`)).toEqual([]);
  });

  it('finds circles and only circles', () => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(circles(edges)).toEqual([['a', 'b', 'c']]);
    expect(circles(new Map([['a', new Set(['b'])], ['b', new Set<string>()]]))).toEqual([]);
  });

  it('names rooms by their first folder', () => {
    expect(roomOf('src/kiosk/features/gate/handlers.ts')).toBe('src/kiosk/features/gate/');
    expect(roomOf('src/kiosk/platform/devices/scanner/scans.ts')).toBe('src/kiosk/platform/devices/');
    expect(roomOf('src/common/local-time.ts')).toBe('src/common/local-time.ts');
    expect(roomOf('renderer/features/console/log/LogPage.tsx')).toBe('renderer/features/console/');
    expect(roomOf('renderer/App.tsx')).toBe('renderer/App.tsx');
  });
});

describe('the house', () => {
  it('every source file sits in a layer', () => {
    expect(files.filter((file) => !layerOf(file))).toEqual([]);
  });

  it('every import follows the layers', () => {
    const broken = files.flatMap((file) => violations(file, sources.get(file)!));
    expect(broken, broken.join('\n')).toEqual([]);
  });

  it('no room imports itself in a circle', () => {
    const found = circles(graph(roomOf));
    expect(found, found.map((c) => c.join(' <-> ')).join('\n')).toEqual([]);
  });

  it('no file imports itself in a circle', () => {
    const found = circles(graph((file) => file));
    expect(found, found.map((c) => c.join(' <-> ')).join('\n')).toEqual([]);
  });

  it('no code in src/ touches the DOM', () => {
    for (const file of files.filter((f) => f.startsWith('src/'))) {
      const code = sources.get(file)!.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      expect(code, file).not.toMatch(/\b(window|document|localStorage|navigator)\.\w/);
    }
  });

  it('each feature serves the methods of its own contract file, and each contract file has its feature', () => {
    const features = readdirSync(path.join(repoRoot, 'src/kiosk/features')).sort();
    const contracts = readdirSync(path.join(repoRoot, 'src/common/contract/methods')).filter((f) => f !== 'define.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(contracts).toEqual(features);
    for (const feature of features) {
      expect(sources.has(`src/kiosk/features/${feature}/index.ts`), `src/kiosk/features/${feature}/index.ts`).toBe(true);
      const inFolder = [...sources].filter(([file]) => file.startsWith(`src/kiosk/features/${feature}/`)).map(([, source]) => source);
      expect(inFolder.some((source) => source.includes(`from '../../../common/contract/methods/${feature}.ts'`)), feature).toBe(true);
    }
  });
});
