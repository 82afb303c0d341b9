// Loads the sample compound into a kiosk that has not been set up nor used: the roster, accounts with fresh secrets
// (answered once), a policy version with peak windows, the compound's card key and a sample health authority's key
// pinned in the trust list. What it made is listed in DATA/sample-data.json, so removal takes exactly that away.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { GateError, type ErrorKey } from '../../../common/contract/errors.ts';
import { localClock } from '../../../common/local-time.ts';
import type { Actor, Audit } from '../../platform/audit/audit-log.ts';
import { readRawConfig, writeConfig, type KioskConfig } from '../../platform/config/kiosk-config.ts';
import { ensureCardKey, ensureRevocationList } from '../../platform/health-codes/compound-files.ts';
import { generateSignerKey } from '../../platform/health-codes/signer-keys.ts';
import { TrustListFile, trustListFileFor } from '../../platform/health-codes/trust-list.ts';
import { storeSecret } from '../../platform/store/secrets.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { Accounts } from '../accounts/accounts.ts';
import type { PolicyStore } from '../policy/policy-store.ts';
import type { RosterRepository } from '../roster/roster-repository.ts';
import { randomPassword, randomPin, SAMPLE_ADMIN, SAMPLE_COMPOUND, SAMPLE_HOUSEHOLDS, SAMPLE_MARK, SAMPLE_VOLUNTEERS, samplePeakWindows } from './sample-compound.ts';
import { readSampleMarker, writeSampleMarker, type SampleMarker } from './sample-marker.ts';

export const SAMPLE_AUTHORITY_LABEL = 'sample-health-authority';

export interface SampleDeps {
  db: Db;
  dataDir: string;
  config: KioskConfig;
  accounts: Accounts;
  roster: () => RosterRepository;
  policy: () => PolicyStore;
  audit: Audit;
  now: () => Date;
  trustListPath: () => string;
}

const count = (db: Db, table: string) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

/** Why this kiosk may not take the sample data, or null. */
export function whyNoSample(deps: Pick<SampleDeps, 'db' | 'dataDir' | 'accounts'>): GateError | null {
  const no = (key: ErrorKey, message: string) => new GateError('conflict', message, { key: key });
  if (readSampleMarker(deps.dataDir)) return no('sample-already-loaded', 'The sample data is already loaded.');
  if (deps.accounts.hasManager()) return no('sample-kiosk-set-up', 'This kiosk is set up: sample data goes only into a kiosk before its first setup (or run a training kiosk: gate-kiosk serve --training).');
  if (count(deps.db, 'entries') > 0) return no('sample-kiosk-used', 'People have been recorded on this kiosk: sample data would mix with them. Run a training kiosk instead (gate-kiosk serve --training).');
  if (count(deps.db, 'sync_credentials') > 0) return no('sample-kiosk-enrolled', 'This kiosk is enrolled with the registry: sample data must never reach it. Run a training kiosk instead (gate-kiosk serve --training).');
  return null;
}

/** Pins the sample health authority's key (codes only) in the compound's trust list, beside the card key. */
function pinSampleAuthority(db: Db, dataDir: string, trustListPath: string, at: Date): string {
  const key = generateSignerKey();
  db.prepare("DELETE FROM kiosk_secrets WHERE name = 'sample-code-key'").run();
  storeSecret(db, 'sample-code-key', key.privateKeyPem, at);
  const file = path.resolve(dataDir, trustListPath);
  const previous = existsSync(file) ? TrustListFile.parse(JSON.parse(readFileSync(file, 'utf8'))) : null;
  const keys = [...(previous?.keys ?? []).filter((k) => k.label !== SAMPLE_AUTHORITY_LABEL), { kid: key.kid, publicKey: key.publicKeyPem, use: ['code' as const], label: SAMPLE_AUTHORITY_LABEL }];
  writeFileSync(file, `${JSON.stringify(trustListFileFor(keys, at, 365, (previous?.version ?? 0) + 1), null, 2)}\n`, { mode: 0o600 });
  return key.kid;
}

export async function loadSample(deps: SampleDeps, options: { training: boolean }, actor: Actor) {
  const refused = whyNoSample(deps);
  if (refused) throw refused;
  const at = deps.now();
  const { db, dataDir } = deps;
  const configBefore = readRawConfig(dataDir);
  const parsed = writeConfig(dataDir, { ...configBefore, compoundName: SAMPLE_COMPOUND.name, compoundCode: SAMPLE_COMPOUND.code });
  Object.assign(deps.config, { compoundName: parsed.compoundName, compoundCode: parsed.compoundCode });
  const trustListPath = deps.trustListPath();
  ensureCardKey(db, dataDir, trustListPath, at);
  ensureRevocationList(dataDir, parsed.healthCodes.revocationListPath ?? 'trust/revoked-cards.json', at);
  const codeKid = pinSampleAuthority(db, dataDir, trustListPath, at);

  const roster = deps.roster();
  const made: Pick<SampleMarker, 'households' | 'residents' | 'vehicles' | 'users' | 'residentIds'> = { households: [], residents: [], vehicles: [], users: [], residentIds: {} };
  db.transaction(() => {
    for (const h of SAMPLE_HOUSEHOLDS) {
      const household = roster.saveHousehold({ building: h.building, unit: h.unit, room: h.room, note: SAMPLE_MARK });
      made.households.push(household.id);
      const vehicle = h.plate ? roster.saveVehicle({ householdId: household.id, plate: h.plate, note: SAMPLE_MARK }) : null;
      if (vehicle) made.vehicles.push(vehicle.id);
      for (const r of h.residents) {
        const resident = roster.saveResident({ householdId: household.id, name: r.name, idNumber: r.idNumber, phone: r.phone, cardId: r.cardId ?? null });
        made.residents.push(resident.id);
        made.residentIds[r.key] = resident.id;
        if (r.commuter) {
          roster.saveCommuter({ residentId: resident.id, usualOut: r.commuter.usualOut, usualIn: r.commuter.usualIn, days: [1, 2, 3, 4, 5, 6, 7], vehicleId: r.commuter.withVehicle && vehicle ? vehicle.id : null });
        }
      }
    }
  })();

  const policyStore = deps.policy();
  const before = policyStore.current();
  const hour = Math.floor(localClock(at, deps.config.timeZone).minutes / 60);
  policyStore.update({ policy: { ...before.policy, peakWindows: samplePeakWindows(hour) }, basedOnVersion: before.version, note: SAMPLE_MARK }, actor);

  const manager = { ...SAMPLE_ADMIN, password: randomPassword() };
  const volunteers = SAMPLE_VOLUNTEERS.map((v) => ({ ...v, pin: randomPin() }));
  for (const v of volunteers) made.users.push((await deps.accounts.createUser({ username: v.username, displayName: v.displayName, role: 'volunteer', pin: v.pin }, actor)).id);
  // The marker is written before the admin exists: that account is what ends "needs setup", and a crash between the
  // two leaves a kiosk whose sample can still be removed.
  const marker: SampleMarker = { loadedAt: at.toISOString(), training: options.training, configBefore, policyVersionBefore: before.version, ...made, codeKid };
  writeSampleMarker(dataDir, marker);
  const admin = await deps.accounts.createUser({ username: manager.username, displayName: manager.displayName, role: 'admin', password: manager.password }, actor, () => {
    deps.audit({ actor, action: 'sample-data.load', subject: SAMPLE_COMPOUND.code, detail: { training: options.training, households: made.households.length, residents: made.residents.length, vehicles: made.vehicles.length, accounts: volunteers.length + 1 } });
  });
  writeSampleMarker(dataDir, { ...marker, users: [...made.users, admin.id] });
  return { loaded: true as const, accounts: { manager, volunteers }, households: made.households.length, residents: made.residents.length };
}
