// Child of bench/core-memory.ts (run with --expose-gc): the real core, warmed up, then N scans verified and recorded;
// prints one JSON line with memory after warm-up, during the run and at the end, each after a full GC.
// First, as the kiosk's start and serve do (src/cli/commands.ts): the kiosk's V8 settings, then the kiosk's modules.
import '../../src/kiosk/app/v8-settings.ts';
import { existsSync } from 'node:fs';

const { createCore } = await import('../../src/kiosk/app/create-core.ts');
const { acknowledge, nextBatch } = await import('../../src/kiosk/features/sync/outbox.ts');
const { benchDevices } = await import('./fast-devices.ts');
const { memoryBreakdown } = await import('./memory-breakdown.ts');
const { benchKioskData } = await import('./kiosk-data.ts');
const { seededRandom } = await import('./measure.ts');
const { seedRoster } = await import('./roster.ts');

const scans = Number(process.argv[2] ?? 100_000);
const warmup = Number(process.argv[3] ?? 3000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function settle(): { rssMb: number; heapMb: number; externalMb: number } {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, externalMb: (m.external + m.arrayBuffers) / 2 ** 20 };
}

// Memory is the question here, not the disk: a RAM-backed folder keeps 100,000 fsyncs from taking most of the run.
const data = benchKioskData({ under: existsSync('/dev/shm') ? '/dev/shm' : undefined });
const core = await createCore({ dataDir: data.dataDir, devices: benchDevices(100), log: () => {} });
try {
  const random = seededRandom(9);
  const roster = seedRoster(core.db, data.dataDir, 2000, random);
  // Codes are signed ahead in a pool (signing is the phone's work, not the kiosk's) and renewed before they expire.
  let pool: string[] = [];
  let signedAt = 0;
  const codeFor = (i: number) => {
    if (Date.now() - signedAt > 4 * 60_000) {
      // Each code is its card's resident's own (masked as a phone shows it), so the holder check at record passes.
      pool = Array.from({ length: 500 }, (_, k) => {
        const r = roster ? (k * 7) % roster.cards.length : -1;
        return data.code(random() < 0.9 ? 'green' : 'red', roster ? `${[...roster.names[r]!][0]}*` : '王*', roster ? roster.cards[r] : undefined);
      });
      signedAt = Date.now();
    }
    return pool[i % pool.length]!;
  };
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  const person = async (i: number) => {
    const { checkId, result } = await call<{ checkId: string; result: { status: string } }>('codes.verify', { text: codeFor(i) });
    const match = roster ? (await call<{ match: { resident: { id: string } } | null }>('gate.match', { checkId })).match : null;
    await call('entries.record', {
      direction: i % 2 ? 'out' : 'in',
      lane: 'standard',
      identity: match ? {} : { name: '王*' },
      code: { kind: 'verified', checkId },
      ...(result.status === 'green' ? { temperature: { bodyC: 36.5, source: 'device' }, maskWorn: true } : {}),
      ...(match ? { person: { kind: 'resident', residentId: match.resident.id } } : {}),
    });
  };

  // An online kiosk's registry confirms uploads as they come; the sync service's own outbox functions play that part
  // here, so the figure is the core's memory and not a growing offline backlog (bench/core-scan-decision.ts times that).
  const drain = () => {
    const sent = nextBatch(core.db, 5000);
    acknowledge(core.db, sent, new Set(sent.map((e) => e.id)), new Set(), Date.now());
  };
  const scan = async (i: number) => {
    await person(i);
    if (i % 1000 === 999) drain();
  };

  for (let i = 0; i < warmup; i++) await scan(i);
  const afterWarmup = settle();
  const trace: number[] = [];
  const pace: number[] = [];
  const started = performance.now();
  let lap = started;
  for (let i = 0; i < scans; i++) {
    await scan(warmup + i);
    if ((i + 1) % Math.max(1, Math.floor(scans / 10)) === 0) {
      trace.push(Math.round(settle().rssMb));
      pace.push(Math.round((performance.now() - lap) / Math.floor(scans / 10) * 100) / 100);
      lap = performance.now();
      console.error(`[memory] ${i + 1} scans, RSS ${trace.at(-1)} MB, ${pace.at(-1)} ms per scan lately`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const end = settle();
  const breakdown = memoryBreakdown();
  const rows = (core.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  console.log(JSON.stringify({ afterWarmup, end, breakdown, trace, pace, seconds, rows, matched: roster !== null }));
} finally {
  await core.close();
  data.remove();
}
