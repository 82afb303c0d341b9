// `gate-kiosk registry`: run the district registry, or talk to a running one as its administrator.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseCommandArgs, UsageError } from './parse-args.ts';
import { AdminRefused, adminRequest, localFingerprint, type AdminTarget } from './registry-admin.ts';

const HELP = `Usage:
  gate-kiosk registry [--port N] [--host 127.0.0.1] [--data DIR] [--database-url postgres://...] [--district NAME]
                      [--read-database-url postgres://REPLICA/...]
                      [--time-zone ZONE (Asia/Shanghai)] [--report-hour 20] [--admin-token T]
                      [--tls-cert FILE --tls-key FILE | --http] [--trust-proxy]
      Run the registry. It serves HTTPS with a certificate made at first start in DIR/tls/ and prints its fingerprint
      (kiosks enrol with it); --http serves plain HTTP, only behind a balancer that does TLS. Without --database-url
      it keeps an embedded PostgreSQL (PGlite) in DIR/pglite. The admin token comes from --admin-token,
      $GATE_REGISTRY_ADMIN_TOKEN or DIR/admin-token (created on first run). --read-database-url reads the staff's
      figures (live view, compound pages, charts, reports, statistics) from a streaming replica of --database-url;
      sign-in, alerts, watch lists and every upload stay on the primary. Several registry processes may share one
      database behind a balancer (see docs/scaling.md).
  gate-kiosk registry code --compound ID [--name NAME] [--district NAME]
      Create a one-time enrolment code for a kiosk of that compound (valid 72 hours).
  gate-kiosk registry publish policy|trust-list|revoked-cards FILE.json
      Publish a new version of a district document (signed by the district key; kiosks check it before use).
  gate-kiosk registry publish watch-list FILE.csv|FILE.xlsx [--by NAME]
      Publish a new watch list: columns id_number (身份证号) or household (门牌号), compound (小区), kind (类型:
      quarantine 居家隔离 | red 红码 | yellow 黄码 | follow-up 随访), from (开始), until (结束), note (备注).
      Every row is checked; one bad row publishes nothing and each is listed with its line.
  gate-kiosk registry staff add USER --role viewer|officer|admin [--name "DISPLAY NAME"]
  gate-kiosk registry staff password USER
  gate-kiosk registry staff list
      District staff accounts for the registry's pages (a new password is made and printed once).
  Administrator commands take [--url URL] [--fingerprint SHA256] [--data DIR | --admin-token T]; with --data on the
  registry's own machine the URL, token and certificate fingerprint are found there.`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'read-database-url': { type: 'string' },
  district: { type: 'string' },
  'time-zone': { type: 'string' },
  'report-hour': { type: 'string' },
  'admin-token': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  http: { type: 'boolean' },
  'trust-proxy': { type: 'boolean' },
  url: { type: 'string' },
  fingerprint: { type: 'string' },
  compound: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  by: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>> extends infer P ? (P extends { values: infer V } ? V : never) : never;

function adminToken(dataDir: string, given: string | undefined, create: boolean): string {
  const token = given ?? process.env.GATE_REGISTRY_ADMIN_TOKEN;
  if (token) return token;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) throw new UsageError(`no admin token: pass --admin-token, set GATE_REGISTRY_ADMIN_TOKEN, or --data the registry's folder (${file} not found)`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const fresh = randomBytes(24).toString('base64url');
  writeFileSync(file, `${fresh}\n`, { mode: 0o600 });
  return fresh;
}

function target(v: Values, dataDir: string): AdminTarget {
  const url = v.url ?? `${v.http ? 'http' : 'https'}://127.0.0.1:${v.port ?? '8470'}`;
  return { url, token: adminToken(dataDir, v['admin-token'], false), fingerprint: v.fingerprint ?? (url.startsWith('https:') ? localFingerprint(dataDir) : undefined) };
}

async function publish(v: Values, dataDir: string, kind: string | undefined, file: string | undefined): Promise<number> {
  if (!kind || !file) throw new UsageError(`registry publish needs a kind and a file\n\n${HELP}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (kind === 'watch-list') {
    try {
      const list = await adminRequest(target(v, dataDir), 'POST', '/v1/admin/watch-lists', { fileName: basename(file), contentBase64: bytes.toString('base64'), publishedBy: v.by ?? 'administrator' });
      const kinds = Object.entries(list.byKind as Record<string, number>).map(([k, n]) => `${n} ${k}`).join(', ');
      console.log(`Published watch list version ${list.version}: ${list.rows} rows (${kinds}). Kiosks apply it at their next exchange.`);
      return 0;
    } catch (error) {
      if (!(error instanceof AdminRefused) || !error.body.errors) throw error;
      console.error(`Nothing was published. Fix these rows of ${file} and publish again:`);
      for (const line of error.body.errors) console.error(`  ${line}`);
      return 1;
    }
  }
  let content: unknown;
  try {
    content = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const doc = await adminRequest(target(v, dataDir), 'PUT', `/v1/admin/downlink/${kind}`, content);
  console.log(`Published ${kind} version ${doc.version}.`);
  return 0;
}

async function staff(v: Values, dataDir: string, action: string | undefined, user: string | undefined): Promise<number> {
  const t = target(v, dataDir);
  if (action === 'list') {
    const { staff: list } = await adminRequest(t, 'GET', '/v1/admin/staff');
    for (const s of list as Array<{ username: string; role: string; displayName: string; disabled: boolean }>) console.log(`${s.username}\t${s.role}\t${s.displayName}${s.disabled ? '\t(disabled)' : ''}`);
    return 0;
  }
  if (!user) throw new UsageError(`registry staff ${action ?? ''} needs a user name\n\n${HELP}`);
  if (action === 'add') {
    if (!v.role) throw new UsageError('registry staff add needs --role viewer, officer or admin');
    const made = await adminRequest(t, 'POST', '/v1/admin/staff', { username: user, role: v.role, displayName: v.name });
    console.log(`Account ${made.username} (${made.role}) created. Password (shown once, give it to them in person): ${made.password}`);
    return 0;
  }
  if (action === 'password') {
    const done = await adminRequest(t, 'POST', `/v1/admin/staff/${encodeURIComponent(user)}/password`, {});
    console.log(`New password for ${done.username} (shown once; their sessions were ended): ${done.password}`);
    return 0;
  }
  throw new UsageError(`unknown staff action "${action}"\n\n${HELP}`);
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, OPTIONS, HELP);
    if (!parsed) return 0;
    const v = parsed.values;
    const dataDir = resolve(v.data ?? 'data/registry');
    const [action, ...rest] = parsed.positionals;
    if (action === 'code') {
      if (!v.compound) throw new UsageError(`registry code needs --compound ID\n\n${HELP}`);
      const answer = await adminRequest(target(v, dataDir), 'POST', '/v1/admin/enrolment-codes', { compoundId: v.compound, compoundName: v.name, district: v.district });
      console.log(`Enrolment code for ${v.compound}: ${answer.code} (one use, valid until ${answer.expiresAt})`);
      return 0;
    }
    if (action === 'publish') return await publish(v, dataDir, rest[0], rest[1]);
    if (action === 'staff') return await staff(v, dataDir, rest[0], rest[1]);
    if (action !== undefined) throw new UsageError(`unknown registry action "${action}"\n\n${HELP}`);
    return await serve(v, dataDir);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    console.error(`registry: ${(error as Error).message}`);
    return 1;
  }
}

async function serve(v: Values, dataDir: string): Promise<number> {
  const { openDatabase } = await import('../registry/sql.ts');
  const { migrate } = await import('../registry/schema.ts');
  const { startRegistry } = await import('../registry/server.ts');
  const { ensureRegistryCertificate } = await import('../registry/tls-certificate.ts');
  const port = Number(v.port ?? '8470');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number 0..65535, got "${v.port}"`);
  if (Boolean(v['tls-cert']) !== Boolean(v['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
  if (v.http && v['tls-cert']) throw new UsageError('--http and --tls-cert exclude each other');
  const reportHour = Number(v['report-hour'] ?? '20');
  if (!Number.isInteger(reportHour) || reportHour < 0 || reportHour > 23) throw new UsageError(`--report-hour must be 0..23, got "${v['report-hour']}"`);
  const token = adminToken(dataDir, v['admin-token'], true);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const host = v.host ?? '127.0.0.1';
  const made = v.http ? null : v['tls-cert'] ? null : ensureRegistryCertificate(dataDir, [host]);
  const tls = v['tls-cert'] && v['tls-key'] ? { cert: readFileSync(v['tls-cert']), key: readFileSync(v['tls-key']) } : made ? { cert: made.cert, key: made.key } : undefined;
  const readUrl = v['read-database-url'];
  if (readUrl !== undefined && !v['database-url']) throw new UsageError('--read-database-url needs --database-url: the embedded PostgreSQL has no replicas');
  if (readUrl !== undefined && !/^postgres(ql)?:\/\//.test(readUrl)) throw new UsageError(`--read-database-url must be a postgres:// URL, got "${readUrl}"`);
  const db = await openDatabase({ databaseUrl: v['database-url'], dataDir: join(dataDir, 'pglite') });
  await migrate(db);
  const { openReadReplica } = await import('../registry/read-replica.ts');
  const readDb = readUrl ? await openReadReplica(readUrl).catch(async (error: unknown) => {
    await db.close();
    throw error;
  }) : undefined;
  const registry = await startRegistry({
    db,
    readDb,
    port,
    host,
    adminToken: token,
    district: v.district,
    timeZone: v['time-zone'],
    reportHour,
    trustProxy: v['trust-proxy'],
    tls,
    log: (message) => console.error(`[registry] ${message}`),
  });
  console.log(`Registry listening on ${registry.url} (${db.engine === 'pglite' ? `embedded PostgreSQL in ${join(dataDir, 'pglite')}` : 'PostgreSQL server'}${readDb ? '; staff figures from the read replica' : ''})`);
  if (made) console.log(`Certificate SHA-256: ${made.fingerprint}${made.created ? ' (new)' : ''} — kiosks enrol with: gate-kiosk enrol --registry ${registry.url} --fingerprint ${made.fingerprint} --code ...`);
  else if (!tls) console.log('Plain HTTP: put a TLS balancer in front; kiosks refuse to enrol over http://.');
  console.log(`District signing key: ${registry.keys.fingerprint} (kiosks pin it at enrolment)`);
  console.log(`Admin token: ${v['admin-token'] || process.env.GATE_REGISTRY_ADMIN_TOKEN ? '(as given)' : join(dataDir, 'admin-token')}`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await registry.close();
  await readDb?.close();
  await db.close();
  return 0;
}
