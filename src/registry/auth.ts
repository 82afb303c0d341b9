// Kiosk identity at the registry: one-time enrolment codes, signed requests, and a log of every refusal.
import { randomBytes, randomUUID } from 'node:crypto';
import { checkTimestamp, HEADER_KIOSK, HEADER_SIGNATURE, HEADER_TIMESTAMP, verifySignature } from '../common/wire/signing.ts';
import type { ChainRestartNotice, EnrolAnswer } from '../common/wire/schemas.ts';
import type { KioskIdentity } from './ingest.ts';
import { raiseRegistryAlert } from './alerts.ts';
import { nodeDigest } from './node-digest.ts';
import type { Database } from './sql.ts';

// No 0/O/1/I: the code is read aloud and typed at the gate.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export interface NewCode {
  code: string;
  compoundId: string;
  expiresAt: string;
}

export async function createEnrolmentCode(
  db: Database,
  options: { compoundId: string; compoundName?: string; district: string; ttlHours?: number; nowMs?: number },
): Promise<NewCode> {
  const bytes = randomBytes(12);
  const raw = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  const expiresAt = new Date((options.nowMs ?? Date.now()) + (options.ttlHours ?? 72) * 3600_000).toISOString();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO compounds (compound_id, name, district) VALUES ($1, $2, $3)
       ON CONFLICT (compound_id) DO UPDATE SET name = COALESCE($4, compounds.name), district = EXCLUDED.district`,
      [options.compoundId, options.compoundName ?? options.compoundId, options.district, options.compoundName ?? null],
    );
    await tx.query('INSERT INTO enrolment_codes (code_hash, compound_id, expires_at) VALUES ($1, $2, $3)', [
      nodeDigest.sha256Hex(normaliseCode(code)),
      options.compoundId,
      expiresAt,
    ]);
  });
  return { code, compoundId: options.compoundId, expiresAt };
}

/** Exchanges a one-time code for kiosk credentials; null when the code is unknown, used or expired. */
export async function enrolKiosk(db: Database, code: string, kioskName: string, chainRestart?: ChainRestartNotice, nowMs = Date.now()): Promise<EnrolAnswer | null> {
  return db.transaction(async (tx) => {
    const kioskId = `k-${randomUUID()}`;
    const claimed = await tx.query<{ compound_id: string; district: string }>(
      `UPDATE enrolment_codes c SET used_at = now(), kiosk_id = $2
       FROM compounds p
       WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > $3::timestamptz AND p.compound_id = c.compound_id
       RETURNING c.compound_id, p.district`,
      [nodeDigest.sha256Hex(normaliseCode(code)), kioskId, new Date(nowMs).toISOString()],
    );
    const row = claimed[0];
    if (!row) return null;
    // The registry must recompute HMACs, so it keeps the secret itself; the database is the registry's trust boundary.
    const secret = randomBytes(32).toString('base64url');
    await tx.query('INSERT INTO kiosks (kiosk_id, compound_id, name, secret) VALUES ($1, $2, $3, $4)', [kioskId, row.compound_id, kioskName, secret]);
    if (chainRestart) {
      // A kiosk that lost its database (or started over on purpose) begins a new chain: the district sees it as a problem.
      await tx.query('INSERT INTO chain_restarts (kiosk_id, compound_id, restarted_at, reason) VALUES ($1, $2, $3, $4)', [kioskId, row.compound_id, chainRestart.at, chainRestart.reason]);
      await tx.query(
        `INSERT INTO chain_problems (kiosk_id, kind, from_seq, to_seq, entry_id, detail, log) VALUES ($1, 'restart', 0, 0, NULL, $2, 'entries')`,
        [kioskId, `kiosk "${kioskName}" of compound ${row.compound_id} started over from an empty database at ${chainRestart.at}: ${chainRestart.reason}. Entries it recorded before and never uploaded are lost.`],
      );
      // And the staff hear of it at once, with the other alerts.
      await raiseRegistryAlert(tx, { kioskId, compoundId: row.compound_id }, 'chain-restart', `kiosk "${kioskName}" started over from an empty database: ${chainRestart.reason}`.slice(0, 200), { restartedAt: chainRestart.at }, nowMs);
    }
    return { kioskId, secret, compoundId: row.compound_id, district: row.district };
  });
}

export type AuthResult = { ok: true; kiosk: KioskIdentity } | { ok: false; kioskId: string | null; reason: string };

export async function authenticate(
  db: Database,
  request: { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: Buffer },
  nowMs: number,
): Promise<AuthResult> {
  const header = (name: string) => {
    const v = request.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const kioskId = header(HEADER_KIOSK);
  const timestamp = header(HEADER_TIMESTAMP);
  const signature = header(HEADER_SIGNATURE);
  if (!kioskId || !timestamp || !signature) return { ok: false, kioskId: kioskId ?? null, reason: 'missing signature headers' };
  if (!checkTimestamp(timestamp, nowMs)) return { ok: false, kioskId, reason: 'stale or malformed timestamp' };
  const [kiosk] = await db.query<{ secret: string; compound_id: string; district: string; revoked: boolean }>(
    'SELECT k.secret, k.compound_id, c.district, k.revoked_at IS NOT NULL AS revoked FROM kiosks k JOIN compounds c USING (compound_id) WHERE k.kiosk_id = $1',
    [kioskId],
  );
  if (!kiosk) return { ok: false, kioskId, reason: 'unknown kiosk' };
  if (kiosk.revoked) return { ok: false, kioskId, reason: 'kiosk revoked' };
  if (!verifySignature(nodeDigest, kiosk.secret, request.method, request.path, timestamp, request.body, signature)) {
    return { ok: false, kioskId, reason: 'bad signature' };
  }
  // When each kiosk was last heard from, for the compound page; written at most once a minute per kiosk.
  await db.query(`UPDATE kiosks SET last_seen_at = $2 WHERE kiosk_id = $1 AND (last_seen_at IS NULL OR last_seen_at < $2::timestamptz - interval '1 minute')`, [
    kioskId,
    new Date(nowMs).toISOString(),
  ]);
  return { ok: true, kiosk: { kioskId, compoundId: kiosk.compound_id, district: kiosk.district } };
}

export async function logAuthFailure(
  db: Database,
  failure: { remote: string | null; kioskId: string | null; method: string; path: string; reason: string },
): Promise<void> {
  await db.query('INSERT INTO auth_failures (remote, kiosk_id, method, path, reason) VALUES ($1, $2, $3, $4, $5)', [
    failure.remote,
    failure.kioskId,
    failure.method,
    failure.path,
    failure.reason,
  ]);
}
