// One round with the registry: upload the outbox batch by batch, and exchange the district's documents and the daily
// reports. Each throws RegistryError on the first failure; what was acknowledged stays acknowledged.
import type Database from 'better-sqlite3';
import { BatchAnswer } from '../../../common/wire/schemas.ts';
import { checkSignedDownlink, SignedKind } from '../../../common/wire/signed-documents.ts';
import { WatchListContent } from '../../../common/wire/watch-list.ts';
import { nodeDigest } from '../../platform/node-digest.ts';
import { nodeSignatures } from '../../platform/node-signatures.ts';
import { buildDailyReport } from './daily-report.ts';
import { applyDownlink, readDownlink, type VerifiedDoc } from './kiosk-state.ts';
import { acknowledge, nextBatch } from './outbox.ts';
import { keepProblems } from './registry-problems.ts';
import { RegistryError, type RegistryClient } from './registry-client.ts';

export interface Link {
  client: RegistryClient;
  credentials: { kioskId: string; secret: string; compoundId: string; districtKey: string | null };
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
 * Fetches every district document, checks each against the district key pinned at enrolment (applied together, or
 * not at all; `onChanged` hears at once what changed), and sends yesterday's and today's reports. A document that
 * fails its check changes nothing and fails the round, so the status says what happened.
 */
export async function exchangeDocuments(db: Database.Database, link: Link, nowMs: number, timeZone: string, onChanged: (kinds: SignedKind[]) => void): Promise<void> {
  const districtKey = link.credentials.districtKey;
  if (!districtKey) {
    throw new RegistryError('unverified', 'this kiosk was enrolled before district documents were signed: enrol it again (gate-kiosk enrol) so it pins the district key; until then it keeps the documents it has');
  }
  const docs: VerifiedDoc[] = [];
  for (const kind of SignedKind.options) {
    const have = readDownlink(db, kind)?.version ?? null;
    const answer = await link.client.request('GET', `/v1/downlink/${kind}${have === null ? '' : `?have=${have}`}`, undefined, link.credentials);
    const checked = checkSignedDownlink(answer, { kind, compoundId: link.credentials.compoundId, districtKey, have }, { digest: nodeDigest, signatures: nodeSignatures });
    if (!checked.ok) throw new RegistryError('unverified', `${checked.reason}; nothing from this exchange was applied`);
    const { header } = checked;
    if (checked.content === null) {
      docs.push({ kind, version: header.version, servedAt: header.servedAt, unchanged: true });
      continue;
    }
    if (kind === 'watch-list' && !WatchListContent.safeParse(checked.content).success) throw new RegistryError('bad-answer', 'the registry sent a signed watch list this kiosk cannot read; nothing was applied');
    docs.push({ kind, version: header.version, updatedAt: header.publishedAt, servedAt: header.servedAt, content: checked.content });
  }
  const changed = applyDownlink(db, docs, nowMs);
  if (changed.length > 0) onChanged(changed);
  for (const ms of [nowMs - 86_400_000, nowMs]) {
    const report = buildDailyReport(db, ms, timeZone);
    if (report) await link.client.request('POST', '/v1/reports/daily', report, link.credentials);
  }
}
