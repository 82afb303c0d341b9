// What kiosks call: upload entries, enrol (throttled by source), send the daily report and alerts, and download the
// district's signed documents.
import { AlertBatch } from '../common/wire/alerts.ts';
import { AuditBatch } from '../common/wire/audit-chain.ts';
import { isPlainEntryBatch } from '../common/wire/entry-batch-check.ts';
import { DailyReport, EnrolRequest, EntryBatch } from '../common/wire/schemas.ts';
import { PinnedEnrolAnswer, SignedKind } from '../common/wire/signed-documents.ts';
import { receiveAlerts } from './alerts.ts';
import { ingestAudit } from './audit-ingest.ts';
import { enrolKiosk, logAuthFailure } from './auth.ts';
import { requireKiosk, type RegistryContext, type Request } from './context.ts';
import { HttpError, parseJson, sendJson } from './http-kit.ts';
import { ingestBatch } from './ingest.ts';
import { signedDocument } from './signed-downlink.ts';
import { storeDailyReport } from './stats.ts';

export async function kioskRoutes(ctx: RegistryContext, r: Request): Promise<boolean> {
  const { method, path, res } = r;
  if (method === 'POST' && path === '/v1/entries') {
    const kiosk = await requireKiosk(ctx, r);
    sendJson(res, 200, await ingestBatch(ctx.db, kiosk, parseJson(EntryBatch, r.body, isPlainEntryBatch).entries, { nowMs: ctx.now(), timeZone: ctx.timeZone, window: ctx.window }));
    return true;
  }
  if (method === 'POST' && path === '/v1/audit') {
    const kiosk = await requireKiosk(ctx, r);
    sendJson(res, 200, await ingestAudit(ctx.db, kiosk, parseJson(AuditBatch, r.body).records));
    return true;
  }
  if (method === 'POST' && path === '/v1/enrol') {
    await enrol(ctx, r);
    return true;
  }
  if (method === 'POST' && path === '/v1/reports/daily') {
    const kiosk = await requireKiosk(ctx, r);
    await storeDailyReport(ctx.db, kiosk, parseJson(DailyReport, r.body));
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (method === 'POST' && path === '/v1/alerts') {
    const kiosk = await requireKiosk(ctx, r);
    const { alerts } = parseJson(AlertBatch, r.body);
    const received = await receiveAlerts(ctx.db, kiosk, alerts);
    for (const a of alerts) if (received.includes(a.id)) ctx.log(`alert ${a.kind} from ${kiosk.compoundId}/${kiosk.kioskId}: ${a.summary}`);
    sendJson(res, 200, { received });
    return true;
  }
  const downlink = /^\/v1\/downlink\/([a-z-]+)$/.exec(path);
  if (downlink && method === 'GET') {
    const kiosk = await requireKiosk(ctx, r);
    const kind = SignedKind.safeParse(downlink[1]);
    if (!kind.success) throw new HttpError(404, `no downlink document "${downlink[1]}"; use one of ${SignedKind.options.join(', ')}`);
    const haveText = r.url.searchParams.get('have');
    const have = haveText !== null && /^\d{1,9}$/.test(haveText) ? Number(haveText) : null;
    sendJson(res, 200, await signedDocument(ctx.db, ctx.keys, kind.data, { compoundId: kiosk.compoundId, district: kiosk.district ?? ctx.district }, have, ctx.now()));
    return true;
  }
  return false;
}

async function enrol(ctx: RegistryContext, r: Request): Promise<void> {
  const wait = await ctx.throttles.enrol.waitMs(r.source, ctx.now());
  if (wait > 0) {
    throw new HttpError(429, `too many wrong enrolment codes from this address: wait ${Math.ceil(wait / 1000)} s and type the code again`, { 'retry-after': String(Math.ceil(wait / 1000)) });
  }
  const request = parseJson(EnrolRequest, r.body);
  const answer = await enrolKiosk(ctx.db, request.code, request.kioskName, request.chainRestart, ctx.now());
  if (!answer) {
    await ctx.throttles.enrol.failed(r.source, ctx.now());
    await logAuthFailure(ctx.db, { remote: r.source, kioskId: null, method: r.method, path: r.path, reason: 'unknown, used or expired enrolment code' });
    throw new HttpError(401, 'enrolment code is unknown, already used or expired; ask the district for a new one');
  }
  await ctx.throttles.enrol.succeeded(r.source);
  const pinned: PinnedEnrolAnswer = { ...answer, districtKey: ctx.keys.publicKey, watchKey: ctx.keys.watchKey(answer.compoundId) };
  sendJson(r.res, 200, pinned);
}
