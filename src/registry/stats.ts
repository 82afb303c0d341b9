// Daily figures per compound and per district, from the stored entries and the kiosks' own daily reports.
import type { DailyReport } from '../common/wire/schemas.ts';
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

const empty = (): Figures => ({ entries: 0, refusals: 0, refusalsByReason: {}, fevers: 0 });

export async function dailyStats(db: Database, date: string): Promise<DailyStats> {
  const compounds = await db.query<{ compound_id: string; name: string; district: string }>(
    `SELECT c.compound_id, c.name, c.district FROM compounds c
     WHERE EXISTS (SELECT 1 FROM kiosks k WHERE k.compound_id = c.compound_id AND k.revoked_at IS NULL)
        OR EXISTS (SELECT 1 FROM entries e WHERE e.day = $1 AND e.compound_id = c.compound_id)
     ORDER BY c.district, c.name`,
    [date],
  );
  const totals = await db.query<{ compound_id: string; entries: number; refusals: number; fevers: number; last_at: string }>(
    `SELECT compound_id, count(*)::int AS entries, count(*) FILTER (WHERE decision = 'refuse')::int AS refusals,
            count(*) FILTER (WHERE fever)::int AS fevers, ${isoSql('max(at)')} AS last_at
     FROM entries WHERE day = $1 GROUP BY compound_id`,
    [date],
  );
  const reasons = await db.query<{ compound_id: string; reason: string; n: number }>(
    `SELECT compound_id, r AS reason, count(*)::int AS n
     FROM entries, unnest(reasons) AS r WHERE day = $1 AND decision = 'refuse' GROUP BY compound_id, r`,
    [date],
  );
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
    if (c) c.refusalsByReason[r.reason] = r.n;
  }
  for (const { compound_id, report } of reports) {
    const c = byCompound.get(compound_id);
    if (!c) continue;
    const sum = (c.reported ??= { ...empty(), kiosks: 0 });
    sum.kiosks += 1;
    sum.entries += report.entries;
    sum.refusals += report.refusals;
    sum.fevers += report.fevers;
    for (const [reason, n] of Object.entries(report.refusalsByReason)) sum.refusalsByReason[reason] = (sum.refusalsByReason[reason] ?? 0) + n;
  }

  const list = [...byCompound.values()];
  const notReported = list.filter((c) => c.entries === 0 && c.reported === null).map(({ compoundId, name, district }) => ({ compoundId, name, district }));
  const districts = new Map<string, Figures & { district: string; compounds: number; notReported: number }>();
  for (const c of list) {
    const d = districts.get(c.district) ?? { district: c.district, ...empty(), compounds: 0, notReported: 0 };
    d.compounds += 1;
    d.entries += c.entries;
    d.refusals += c.refusals;
    d.fevers += c.fevers;
    for (const [reason, n] of Object.entries(c.refusalsByReason)) d.refusalsByReason[reason] = (d.refusalsByReason[reason] ?? 0) + n;
    if (notReported.some((n) => n.compoundId === c.compoundId)) d.notReported += 1;
    districts.set(c.district, d);
  }
  return { date, districts: [...districts.values()], compounds: list, notReported };
}

export async function storeDailyReport(db: Database, kiosk: { kioskId: string; compoundId: string }, report: DailyReport): Promise<void> {
  await db.query(
    `INSERT INTO daily_reports (kiosk_id, day, compound_id, report) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (kiosk_id, day) DO UPDATE SET report = EXCLUDED.report, received_at = now()`,
    [kiosk.kioskId, report.day, kiosk.compoundId, JSON.stringify(report)],
  );
}
