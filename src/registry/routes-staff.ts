// District staff: the pages (live view, compound, alerts, daily report, statistics, watch lists) and the same as JSON,
// all behind the staff sign-in; acknowledging alerts and publishing lists need an officer.
import { z } from 'zod';
import { IsoDay } from '../common/wire/schemas.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
import { requireStaff, type RegistryContext, type Request } from './context.ts';
import { HttpError, parseForm, parseJson, parseMultipart, redirect, sendFile, sendHtml, sendJson } from './http-kit.ts';
import { compoundPage, hourlyFigures, liveView, type LiveQuery } from './live.ts';
import { renderAlertsPage } from './pages/alerts-page.ts';
import { renderCompoundPage } from './pages/compound-page.ts';
import { renderLivePage } from './pages/live-page.ts';
import { renderReportPage } from './pages/report-page.ts';
import { renderSignInPage } from './pages/sign-in-page.ts';
import { renderStatsPage } from './pages/stats-page.ts';
import { renderWatchPage } from './pages/watch-page.ts';
import { listProblems } from './problems.ts';
import { localDayIn } from './registry-time.ts';
import { reportCsv, reportDays, reportFor, reportXlsx } from './reports.ts';
import { localPath, sessionCookie, signIn, signOut } from './staff-sign-in.ts';
import { dailyStats } from './stats.ts';
import { publishFromFile } from './watch-publish.ts';
import { watchListSummary } from './watch-lists.ts';

function dayParam(ctx: RegistryContext, r: Request): string {
  const given = r.url.searchParams.get('date');
  if (!given) return localDayIn(ctx.now(), ctx.timeZone);
  const day = IsoDay.safeParse(given);
  if (!day.success) throw new HttpError(400, `date: ${z.prettifyError(day.error)}`);
  return day.data;
}

function liveQuery(ctx: RegistryContext, r: Request): LiveQuery {
  const p = r.url.searchParams;
  const only = p.get('only');
  const number = (name: string) => (/^\d{1,6}$/.test(p.get(name) ?? '') ? Number(p.get(name)) : undefined);
  return {
    nowMs: ctx.now(),
    timeZone: ctx.timeZone,
    silentMinutes: ctx.silentMinutes,
    district: p.get('district') || undefined,
    search: p.get('q') || undefined,
    only: only === 'silent' || only === 'alerts' ? only : undefined,
    offset: number('offset'),
    limit: number('limit'),
  };
}

async function report(ctx: RegistryContext, r: Request, format: string): Promise<void> {
  const day = dayParam(ctx, r);
  const compound = r.url.searchParams.get('compound') || undefined;
  const doc = await reportFor(ctx.readDb, day, ctx.now(), ctx.timeZone);
  const name = `daily-report-${day}${compound ? `-${compound}` : ''}`;
  if (format === 'csv') return sendFile(r.res, reportCsv(doc, compound), 'text/csv; charset=utf-8', `${name}.csv`);
  if (format === 'xlsx') return sendFile(r.res, await reportXlsx(doc, compound), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`);
  if (format === 'json') return sendJson(r.res, 200, compound ? { ...doc, compounds: doc.compounds.filter((c) => c.compoundId === compound), districts: [] } : doc);
  throw new HttpError(404, `no report format "${format}"; use csv, xlsx or json`);
}

async function acknowledge(ctx: RegistryContext, r: Request, id: string, note: string | undefined): Promise<void> {
  const user = await requireStaff(ctx, r, 'officer', r.path.startsWith('/v1/') ? 'json' : 'page');
  const done = await acknowledgeAlert(ctx.db, id, user.username, note?.trim().slice(0, 200) || null, ctx.now());
  if (!done) throw new HttpError(404, 'no open alert with this id (it may have been acknowledged already)');
  ctx.log(`alert ${id} acknowledged by ${user.username}`);
}

// The figures (live view, compound day, charts, reports, statistics, problems) are read from ctx.readDb, a replica
// when one is set; sign-in, sessions, alerts and watch lists stay on the primary, where the staff's own acts are.
export async function staffRoutes(ctx: RegistryContext, r: Request): Promise<boolean> {
  const { method, path, res } = r;
  const get = method === 'GET';
  // Signing in and out.
  if (path === '/sign-in' && get) return void sendHtml(res, 200, renderSignInPage({ next: localPath(r.url.searchParams.get('next') ?? undefined) })), true;
  if (path === '/sign-in' && method === 'POST') {
    const form = parseForm(r.body);
    try {
      const session = await signIn(ctx, r, form.username ?? '', form.password ?? '');
      redirect(res, localPath(form.next), { 'set-cookie': sessionCookie(ctx, session.token) });
    } catch (error) {
      if (!(error instanceof HttpError) || (error.status !== 401 && error.status !== 429)) throw error;
      sendHtml(res, error.status, renderSignInPage({ message: error.message, next: localPath(form.next), username: (form.username ?? '').slice(0, 64) }), error.headers);
    }
    return true;
  }
  if (path === '/sign-out' && method === 'POST') {
    await signOut(ctx, r);
    redirect(res, '/sign-in', { 'set-cookie': sessionCookie(ctx, null) });
    return true;
  }
  if (path === '/v1/staff/sign-in' && method === 'POST') {
    const input = parseJson(z.object({ username: z.string().max(64), password: z.string().max(200) }), r.body);
    const session = await signIn(ctx, r, input.username, input.password);
    sendJson(res, 200, { token: session.token, expiresAt: session.expiresAt, user: session.user }, { 'set-cookie': sessionCookie(ctx, session.token) });
    return true;
  }
  if (path === '/v1/staff/sign-out' && method === 'POST') {
    await signOut(ctx, r);
    sendJson(res, 200, { ok: true }, { 'set-cookie': sessionCookie(ctx, null) });
    return true;
  }

  // Pages.
  if (get && (path === '/' || path === '/live')) {
    const user = await requireStaff(ctx, r, 'viewer', 'page');
    const q = liveQuery(ctx, r);
    const view = await liveView(ctx.readDb, q);
    sendHtml(res, 200, renderLivePage(view, await hourlyFigures(ctx.readDb, view.today, { district: q.district }), user, q, ctx.timeZone));
    return true;
  }
  const compound = /^\/compounds\/([^/]{1,64})$/.exec(path);
  if (get && compound) {
    const user = await requireStaff(ctx, r, 'viewer', 'page');
    const id = decodeURIComponent(compound[1]!);
    const found = await compoundPage(ctx.readDb, id, dayParam(ctx, r));
    if (!found) throw new HttpError(404, `no compound "${id}"`);
    sendHtml(res, 200, renderCompoundPage(found, await listAlerts(ctx.db, { compoundId: id, limit: 50 }), user, ctx.timeZone));
    return true;
  }
  if (get && path === '/alerts') {
    const user = await requireStaff(ctx, r, 'viewer', 'page');
    const compoundId = r.url.searchParams.get('compound') || undefined;
    const all = await listAlerts(ctx.db, { compoundId, limit: 500 });
    sendHtml(res, 200, renderAlertsPage(all.filter((a) => !a.acknowledgedAt), all.filter((a) => a.acknowledgedAt).slice(0, 100), user, ctx.timeZone, r.url.pathname + r.url.search));
    return true;
  }
  const ack = /^(\/v1\/staff)?\/alerts\/([0-9a-fA-F-]{36})\/acknowledge$/.exec(path);
  if (ack && method === 'POST') {
    if (ack[1]) {
      const input = parseJson(z.object({ note: z.string().max(200).optional() }), r.body.length ? r.body : Buffer.from('{}'));
      await acknowledge(ctx, r, ack[2]!, input.note);
      sendJson(res, 200, { ok: true });
    } else {
      const form = parseForm(r.body);
      await acknowledge(ctx, r, ack[2]!, form.note);
      redirect(res, localPath(form.back ?? '/alerts'));
    }
    return true;
  }
  if (get && path === '/reports') {
    const user = await requireStaff(ctx, r, 'viewer', 'page');
    const day = dayParam(ctx, r);
    const doc = await reportFor(ctx.readDb, day, ctx.now(), ctx.timeZone);
    const days = (await reportDays(ctx.readDb)).map((d) => d.day);
    sendHtml(res, 200, renderReportPage(doc, user, { timeZone: ctx.timeZone, compoundId: r.url.searchParams.get('compound') || undefined, reportHour: ctx.reportHour, days }));
    return true;
  }
  const download = /^(?:\/v1\/staff)?\/reports\/daily(?:\.(csv|xlsx|json))?$/.exec(path);
  if (get && download) {
    await requireStaff(ctx, r, 'viewer', path.startsWith('/v1/') ? 'json' : 'page');
    await report(ctx, r, download[1] ?? r.url.searchParams.get('format') ?? 'json');
    return true;
  }
  if (get && path === '/stats') {
    const user = await requireStaff(ctx, r, 'viewer', 'page');
    const today = localDayIn(ctx.now(), ctx.timeZone);
    sendHtml(res, 200, renderStatsPage(await dailyStats(ctx.readDb, dayParam(ctx, r)), await listProblems(ctx.readDb, false), today, user));
    return true;
  }
  if (path === '/watch-lists' && (get || method === 'POST')) {
    const user = await requireStaff(ctx, r, get ? 'viewer' : 'officer', 'page');
    if (get) return void sendHtml(res, 200, renderWatchPage(await watchListSummary(ctx.db), user, ctx.timeZone)), true;
    const upload = parseMultipart(String(r.req.headers['content-type'] ?? ''), r.body).files.find((f) => f.field === 'file');
    const outcome = upload?.bytes.length
      ? await publishFromFile(ctx.db, { name: upload.filename, bytes: upload.bytes }, user.username, ctx.timeZone)
      : { ok: false as const, errors: ['choose a CSV or XLSX file first'] };
    if (outcome.ok) ctx.log(`watch list v${outcome.list.version} published by ${user.username} (${outcome.list.rows} rows)`);
    sendHtml(res, outcome.ok ? 200 : 400, renderWatchPage(await watchListSummary(ctx.db), user, ctx.timeZone, outcome.ok ? { published: outcome.list } : { errors: outcome.errors }));
    return true;
  }
  return staffJson(ctx, r);
}

async function staffJson(ctx: RegistryContext, r: Request): Promise<boolean> {
  const { method, path, res } = r;
  if (method === 'GET' && path === '/v1/staff/live') {
    await requireStaff(ctx, r, 'viewer', 'json');
    sendJson(res, 200, await liveView(ctx.readDb, liveQuery(ctx, r)));
    return true;
  }
  const compound = /^\/v1\/staff\/compounds\/([^/]{1,64})$/.exec(path);
  if (method === 'GET' && compound) {
    await requireStaff(ctx, r, 'viewer', 'json');
    const id = decodeURIComponent(compound[1]!);
    const found = await compoundPage(ctx.readDb, id, dayParam(ctx, r));
    if (!found) throw new HttpError(404, `no compound "${id}"`);
    sendJson(res, 200, { ...found, alerts: await listAlerts(ctx.db, { compoundId: id, limit: 50 }) });
    return true;
  }
  if (method === 'GET' && path === '/v1/staff/charts') {
    await requireStaff(ctx, r, 'viewer', 'json');
    const day = dayParam(ctx, r);
    sendJson(res, 200, { date: day, hours: await hourlyFigures(ctx.readDb, day, { district: r.url.searchParams.get('district') || undefined }) });
    return true;
  }
  if (method === 'GET' && path === '/v1/staff/alerts') {
    await requireStaff(ctx, r, 'viewer', 'json');
    const p = r.url.searchParams;
    sendJson(res, 200, { alerts: await listAlerts(ctx.db, { open: p.get('open') !== null, compoundId: p.get('compound') || undefined, limit: 1000 }) });
    return true;
  }
  if (path === '/v1/staff/watch-lists') {
    const user = await requireStaff(ctx, r, method === 'GET' ? 'viewer' : 'officer', 'json');
    if (method === 'GET') return void sendJson(res, 200, { current: await watchListSummary(ctx.db) }), true;
    const input = parseJson(z.object({ fileName: z.string().max(200), contentBase64: z.string().max(12_000_000) }), r.body);
    const outcome = await publishFromFile(ctx.db, { name: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64') }, user.username, ctx.timeZone);
    if (outcome.ok) sendJson(res, 200, outcome.list);
    else sendJson(res, 400, { error: `nothing was published: ${outcome.errors.length} problem(s); fix them and publish again`, errors: outcome.errors });
    return true;
  }
  if (method === 'GET' && path === '/v1/stats/daily') {
    await requireStaff(ctx, r, 'viewer', 'json');
    sendJson(res, 200, await dailyStats(ctx.readDb, dayParam(ctx, r)));
    return true;
  }
  if (method === 'GET' && path === '/v1/problems') {
    await requireStaff(ctx, r, 'viewer', 'json');
    sendJson(res, 200, { problems: await listProblems(ctx.readDb, r.url.searchParams.get('all') !== null) });
    return true;
  }
  return false;
}
