// One round with the registry: upload the outbox batch by batch, and exchange the district's documents and the daily
// reports. Each throws RegistryError on the first failure; what was acknowledged stays acknowledged.
import type Database from 'better-sqlite3';
import { BatchAnswer, DownlinkDoc, DownlinkKind } from '../../../common/wire/schemas.ts';
import { buildDailyReport } from './daily-report.ts';
import { applyDownlink } from './kiosk-state.ts';
import { acknowledge, nextBatch } from './outbox.ts';
import { keepProblems } from './registry-problems.ts';
import { RegistryError, type RegistryClient } from './registry-client.ts';

export interface Link {
  client: RegistryClient;
  credentials: { kioskId: string; secret: string };
}

/** Sends batches until the outbox is empty. */
export async function uploadAll(db: Database.Database, link: Link, options: { batchSize: number; nowMs: () => number; log: (message: string) => void; onBatch: () => void }): Promise<void> {
  for (;;) {
    const batch = nextBatch(db, options.batchSize);
    if (batch.length === 0) return;
    const answer = BatchAnswer.safeParse(await link.client.request('POST', '/v1/entries', { entries: batch }, link.credentials));
    if (!answer.success) throw new RegistryError('bad-answer', 'the registry answered the upload with something unexpected');
    const accepted = new Set([...answer.data.stored, ...answer.data.duplicates]);
    const conflicts = new Set(answer.data.conflicts);
    acknowledge(db, batch, accepted, conflicts, options.nowMs());
    // Gaps and breaks the registry found in its copy: kept and shown until a manager acknowledges them.
    keepProblems(db, 'entries', answer.data.problems, options.nowMs());
    if (answer.data.problems.length > 0) options.log(`registry reported ${answer.data.problems.length} chain problem(s): ${answer.data.problems.map((p) => p.detail).join('; ')}`);
    if (conflicts.size > 0) options.log(`registry reported ${conflicts.size} conflicting entries; kept aside in sync_rejected`);
    if (batch.every((e) => !accepted.has(e.id) && !conflicts.has(e.id))) throw new RegistryError('bad-answer', 'the registry accepted none of the batch');
    options.onBatch();
  }
}

/**
 * Fetches every district document (applied together, or not at all; `onChanged` hears at once what changed) and sends
 * yesterday's and today's reports.
 */
export async function exchangeDocuments(db: Database.Database, link: Link, nowMs: number, timeZone: string, onChanged: (kinds: DownlinkKind[]) => void): Promise<void> {
  const docs: DownlinkDoc[] = [];
  for (const kind of DownlinkKind.options) {
    const doc = DownlinkDoc.safeParse(await link.client.request('GET', `/v1/downlink/${kind}`, undefined, link.credentials));
    if (!doc.success || doc.data.kind !== kind) throw new RegistryError('bad-answer', `the registry sent a malformed ${kind} document`);
    docs.push(doc.data);
  }
  const changed = applyDownlink(db, docs, nowMs);
  if (changed.length > 0) onChanged(changed);
  for (const ms of [nowMs - 86_400_000, nowMs]) {
    const report = buildDailyReport(db, ms, timeZone);
    if (report) await link.client.request('POST', '/v1/reports/daily', report, link.credentials);
  }
}
