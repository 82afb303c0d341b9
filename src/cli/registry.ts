// `gate-kiosk registry`: run the district registry, or talk to a running one as its administrator.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage:
  gate-kiosk registry [--port N] [--host 127.0.0.1] [--data DIR] [--database-url postgres://...] [--district NAME]
                      [--admin-token T] [--tls-cert FILE --tls-key FILE]
      Run the registry. Without --database-url it keeps an embedded PostgreSQL (PGlite) in DIR/pglite.
      The admin token comes from --admin-token, $GATE_REGISTRY_ADMIN_TOKEN or DIR/admin-token (created on first run).
  gate-kiosk registry code --compound ID [--name NAME] [--district NAME] [--url URL] [--data DIR | --admin-token T]
      Create a one-time enrolment code for a kiosk of that compound (valid 72 hours).
  gate-kiosk registry publish policy|trust-list|revoked-cards FILE.json [--url URL] [--data DIR | --admin-token T]
      Publish a new version of a document the kiosks download.`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  district: { type: 'string' },
  'admin-token': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  url: { type: 'string' },
  compound: { type: 'string' },
  name: { type: 'string' },
} as const;

function adminToken(dataDir: string, given: string | undefined, create: boolean): string {
  const token = given ?? process.env.GATE_REGISTRY_ADMIN_TOKEN;
  if (token) return token;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) throw new UsageError(`no admin token: pass --admin-token, set GATE_REGISTRY_ADMIN_TOKEN, or --data the registry's folder (${file} not found)`);
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(24).toString('base64url');
  writeFileSync(file, `${fresh}\n`, { mode: 0o600 });
  return fresh;
}

async function admin(url: string, token: string, method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch((error: Error) => {
    throw new UsageError(`cannot reach the registry at ${url}: ${error.message}. Is it running? Pass --url.`);
  });
  const answer = (await response.json()) as { error?: string };
  if (!response.ok) throw new UsageError(`registry refused (${response.status}): ${answer.error ?? 'no reason given'}`);
  return answer;
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, OPTIONS, HELP);
    if (!parsed) return 0;
    const v = parsed.values;
    const dataDir = resolve(v.data ?? 'data/registry');
    const [action, ...rest] = parsed.positionals;
    const url = v.url ?? `http://127.0.0.1:${v.port ?? '8470'}`;
    if (action === 'code') {
      if (!v.compound) throw new UsageError(`registry code needs --compound ID\n\n${HELP}`);
      const answer = (await admin(url, adminToken(dataDir, v['admin-token'], false), 'POST', '/v1/admin/enrolment-codes', {
        compoundId: v.compound,
        compoundName: v.name,
        district: v.district,
      })) as { code: string; expiresAt: string };
      console.log(`Enrolment code for ${v.compound}: ${answer.code} (one use, valid until ${answer.expiresAt})`);
      return 0;
    }
    if (action === 'publish') {
      const [kind, file] = rest;
      if (!kind || !file) throw new UsageError(`registry publish needs a kind and a JSON file\n\n${HELP}`);
      let content: unknown;
      try {
        content = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
      }
      const doc = (await admin(url, adminToken(dataDir, v['admin-token'], false), 'PUT', `/v1/admin/downlink/${kind}`, content)) as { version: number };
      console.log(`Published ${kind} version ${doc.version}.`);
      return 0;
    }
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

async function serve(v: { port?: string; host?: string; 'database-url'?: string; district?: string; 'admin-token'?: string; 'tls-cert'?: string; 'tls-key'?: string }, dataDir: string): Promise<number> {
  const { openDatabase } = await import('../registry/sql.ts');
  const { migrate } = await import('../registry/schema.ts');
  const { startRegistry } = await import('../registry/server.ts');
  const port = Number(v.port ?? '8470');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number 0..65535, got "${v.port}"`);
  if (Boolean(v['tls-cert']) !== Boolean(v['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
  const token = adminToken(dataDir, v['admin-token'], true);
  if (!v['database-url']) mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase({ databaseUrl: v['database-url'], dataDir: join(dataDir, 'pglite') });
  await migrate(db);
  const registry = await startRegistry({
    db,
    port,
    host: v.host ?? '127.0.0.1',
    adminToken: token,
    district: v.district,
    tls: v['tls-cert'] && v['tls-key'] ? { cert: readFileSync(v['tls-cert']), key: readFileSync(v['tls-key']) } : undefined,
    log: (message) => console.error(`[registry] ${message}`),
  });
  console.log(`Registry listening on ${registry.url} (${db.engine === 'pglite' ? `embedded PostgreSQL in ${join(dataDir, 'pglite')}` : 'PostgreSQL server'})`);
  console.log(`Admin token: ${v['admin-token'] || process.env.GATE_REGISTRY_ADMIN_TOKEN ? '(as given)' : join(dataDir, 'admin-token')}`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await registry.close();
  await db.close();
  return 0;
}
