// Daily figures per compound and per district, from the summaries kept at ingest and the kiosks' own daily reports.
// Reasons are counted by known reason only (known-reasons.ts): whatever a kiosk sends, no key reaches a prototype.
import type { DailyReport } from '../common/wire/schemas.ts';
import { countByReason } from './known-reasons.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';

export interface Figures {
  entries: number;
  refusals: number;
  refusalsByReason: Record<string, number>;
  fevers: number;
}

export interface CompoundDay extends Figures {
  compoundId: string;
  name: string;
  district: string;
  lastEntryAt: string | null;
  /** The sum of the kiosks' daily reports, or null when no kiosk of the compound sent one. */
  reported: (Figures & { kiosks: number }) | null;
}

export interface DailyStats {
  date: string;
  districts: Array<Figures & { district: string; compounds: number; notReported: number }>;
  compounds: CompoundDay[];
  /** Enrolled compounds with neither entries nor a daily report for the date. */
  notReported: Array<{ compoundId: string; name: string; district: string }>;
}

const empty = (): Figures => ({ entries: 0, refusals: 0, refusalsByReason: countByReason([]), fevers: 0 });

function addReasons(into: Record<string, number>, from: Record<string, number>): void {
  for (const [reason, n] of Object.entries(countByReason(Object.entries(from)))) into[reason] = (into[reason] ?? 0) + n;
}

export async function dailyStats(db: Database, date: string): Promise<DailyStats> {
  const compounds = await db.query<{ compound_id: string; name: string; district: string }>(
    `SELECT c.compound_id, c.name, c.district FROM compounds c
     WHERE EXISTS (SELECT 1 FROM kiosks k WHERE k.compound_id = c.compound_id AND k.revoked_at IS NULL)
        OR EXISTS (SELECT 1 FROM compound_days d WHERE d.day = $1 AND d.compound_id = c.compound_id)
     ORDER BY c.district, c.name`,
    [date],
  );
  const totals = await db.query<{ compound_id: string; entries: number; refusals: number; fevers: number; last_at: string | null }>(
    `SELECT compound_id, entries, refusals, fevers, ${isoSql('last_at')} AS last_at FROM compound_days WHERE day = $1`,
    [date],
  );
  const reasons = await db.query<{ compound_id: string; reason: string; n: number }>('SELECT compound_id, reason, n FROM compound_reasons WHERE day = $1', [date]);
  const reports = await db.query<{ compound_id: string; report: DailyReport }>('SELECT compound_id, report FROM daily_reports WHERE day = $1', [date]);

  const byCompound = new Map<string, CompoundDay>();
  for (const c of compounds) {
    byCompound.set(c.compound_id, { compoundId: c.compound_id, name: c.name, district: c.district, ...empty(), lastEntryAt: null, reported: null });
  }
  for (const t of totals) {
    const c = byCompound.get(t.compound_id);
    if (c) Object.assign(c, { entries: t.entries, refusals: t.refusals, fevers: t.fevers, lastEntryAt: t.last_at });
  }
  for (const r of reasons) {
    const c = byCompound.get(r.compound_id);
    if (c) addReasons(c.refusalsByReason, { [r.reason]: r.n });
  }
  for (const { compound_id, report } of reports) {
    const c = byCompound.get(compound_id);
    if (!c) continue;
    const sum = (c.reported ??= { ...empty(), kiosks: 0 });
    sum.kiosks += 1;
    sum.entries += report.entries;
    sum.refusals += report.refusals;
    sum.fevers += report.fevers;
    addReasons(sum.refusalsByReason, report.refusalsByReason);
  }

  const list = [...byCompound.values()];
  const notReported = list.filter((c) => c.entries === 0 && c.reported === null).map(({ compoundId, name, district }) => ({ compoundId, name, district }));
  const missing = new Set(notReported.map((c) => c.compoundId));
  const districts = new Map<string, Figures & { district: string; compounds: number; notReported: number }>();
  for (const c of list) {
    const d = districts.get(c.district) ?? { district: c.district, ...empty(), compounds: 0, notReported: 0 };
    d.compounds += 1;
    d.entries += c.entries;
    d.refusals += c.refusals;
    d.fevers += c.fevers;
    addReasons(d.refusalsByReason, c.refusalsByReason);
    if (missing.has(c.compoundId)) d.notReported += 1;
    districts.set(c.district, d);
  }
  return { date, districts: [...districts.values()], compounds: list, notReported };
}

export async function storeDailyReport(db: Database, kiosk: { kioskId: string; compoundId: string }, report: DailyReport): Promise<void> {
  // Stored with known reasons only, so nothing read back later carries a crafted key.
  const clean = { ...report, refusalsByReason: { ...countByReason(Object.entries(report.refusalsByReason)) } };
  await db.query(
    `INSERT INTO daily_reports (kiosk_id, day, compound_id, report) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (kiosk_id, day) DO UPDATE SET report = EXCLUDED.report, received_at = now()`,
    [kiosk.kioskId, report.day, kiosk.compoundId, JSON.stringify(clean)],
  );
}
