// Removes the sample data in one step, before real use: what the sample made (roster, accounts), everything recorded
// while it was loaded (a kiosk takes the sample only unused and unenrolled, so that is every entry, visitor, shift and
// outbox row), the sample authority's key and the card key its cards were signed with (a printed sample card stops
// working), its policy version (a new one restores the rules before it) and config.json as it was. Audited.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';
import type { Actor } from '../../platform/audit/audit-log.ts';
import { loadConfig, writeConfig } from '../../platform/config/kiosk-config.ts';
import { TrustListFile, trustListFileFor } from '../../platform/health-codes/trust-list.ts';
import { SAMPLE_AUTHORITY_LABEL, type SampleDeps } from './load-sample.ts';
import { readSampleMarker, removeSampleMarker, type SampleMarker } from './sample-marker.ts';

const GENESIS = '0'.repeat(64);

function dropSampleKeys(dataDir: string, trustListPath: string, at: Date): void {
  const file = path.resolve(dataDir, trustListPath);
  if (!existsSync(file)) return;
  const list = TrustListFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const keys = list.keys.filter((k) => k.label !== SAMPLE_AUTHORITY_LABEL && k.label !== 'compound-card');
  writeFileSync(file, `${JSON.stringify(trustListFileFor(keys, at, 365, list.version + 1), null, 2)}\n`, { mode: 0o600 });
}

function deleteRows(deps: SampleDeps, marker: SampleMarker) {
  const { db } = deps;
  const inList = (ids: string[]) => `(${ids.map(() => '?').join(',') || "''"})`;
  const run = (sql: string, ids: string[] = []) => db.prepare(sql).run(...ids).changes;
  const entries = run('DELETE FROM entries');
  for (const table of ['sync_outbox', 'sync_rejected', 'alert_outbox', 'sync_problems']) run(`DELETE FROM ${table}`);
  run(`UPDATE sync_chain SET last_seq = 0, last_hash = '${GENESIS}' WHERE one = 1`);
  run('UPDATE sync_progress SET acked_seq = 0, acked_at = NULL, last_entry_at = NULL WHERE one = 1');
  run('DELETE FROM visitors');
  run('UPDATE shifts SET handed_to = NULL');
  run('DELETE FROM shifts');
  run(`DELETE FROM commuters WHERE resident_id IN ${inList(marker.residents)}`, marker.residents);
  const vehicles = run(`DELETE FROM vehicles WHERE id IN ${inList(marker.vehicles)}`, marker.vehicles);
  const residents = run(`DELETE FROM residents WHERE id IN ${inList(marker.residents)}`, marker.residents);
  const households = run(`DELETE FROM households WHERE id IN ${inList(marker.households)}`, marker.households);
  const accounts = run(`DELETE FROM users WHERE id IN ${inList(marker.users)}`, marker.users);
  run("DELETE FROM kiosk_secrets WHERE name IN ('sample-code-key', 'compound-card-key')");
  return { households, residents, vehicles, accounts, entries };
}

export function removeSample(deps: SampleDeps, actor: Actor) {
  const marker = readSampleMarker(deps.dataDir);
  if (!marker) throw new GateError('not-found', 'There is no sample data on this kiosk.', { key: 'sample-none' });
  const at = deps.now();
  const policyStore = deps.policy();
  const before = policyStore.history(500).find((v) => v.version === marker.policyVersionBefore)?.policy;
  const removed = deps.db.transaction(() => {
    const counts = deleteRows(deps, marker);
    if (before) {
      const current = policyStore.current();
      policyStore.update({ policy: before, basedOnVersion: current.version, note: 'sample data removed: the rules before it' }, actor);
    }
    deps.audit({ actor, action: 'sample-data.remove', subject: marker.loadedAt, detail: counts });
    return counts;
  })();
  deps.accounts.sessionsChanged();
  dropSampleKeys(deps.dataDir, deps.trustListPath(), at);
  writeConfig(deps.dataDir, marker.configBefore);
  const restored = loadConfig(deps.dataDir);
  Object.assign(deps.config, { compoundName: restored.compoundName, compoundCode: restored.compoundCode });
  removeSampleMarker(deps.dataDir);
  return { removed };
}
