// The policy in force, versioned: every change is a new version with who and when, audited in the same transaction.
// Version 0 is the policy from config.json, used until a manager saves a version.
import { GateError } from '../../../common/contract/errors.ts';
import { Policy, type PolicyVersion } from '../../../common/contract/policy.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { Actor, Audit } from '../../platform/audit/audit-log.ts';

interface VersionRow { version: number; content: string; changed_by: string; changed_at: string; note: string | null }

/** The top-level settings that differ between two versions, for the audit record. */
export function changedSettings(before: Policy, after: Policy): string[] {
  return (Object.keys(after) as Array<keyof Policy>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export function createPolicyStore(deps: { db: Db; configPolicy: Policy; audit: Audit; now: () => Date }) {
  const { db } = deps;
  const latest = db.prepare<[], VersionRow>('SELECT * FROM policy_versions ORDER BY version DESC LIMIT 1');
  const seed: PolicyVersion = { version: 0, policy: deps.configPolicy, changedBy: 'config.json', changedAt: '', note: 'the policy in config.json' };
  let cached: PolicyVersion | null = null;

  function fromRow(row: VersionRow): PolicyVersion {
    // A stored version that no longer parses (hand-edited file) must not silently change the rules: say so.
    const parsed = Policy.safeParse(JSON.parse(row.content));
    if (!parsed.success) throw new GateError('storage', `Policy version ${row.version} in the database is damaged. Ask a manager to save the policy again.`, { key: 'policy-damaged', params: { version: row.version } });
    return { version: row.version, policy: parsed.data, changedBy: row.changed_by, changedAt: row.changed_at, note: row.note };
  }

  function current(): PolicyVersion {
    if (!cached) {
      const row = latest.get();
      cached = row ? fromRow(row) : seed;
    }
    return cached;
  }

  return {
    current,
    policy: () => current().policy,
    history(limit: number): PolicyVersion[] {
      const rows = db.prepare<[number], VersionRow>('SELECT * FROM policy_versions ORDER BY version DESC LIMIT ?').all(limit).map(fromRow);
      return rows.length < limit ? [...rows, seed] : rows;
    },
    update(input: { policy: Policy; basedOnVersion: number; note?: string }, actor: Actor): PolicyVersion {
      const at = deps.now().toISOString();
      const saved = db.transaction(() => {
        cached = null;
        const before = current();
        if (before.version !== input.basedOnVersion) {
          throw new GateError('conflict', `The policy was changed to version ${before.version} by ${before.changedBy} since you opened it (version ${input.basedOnVersion}). Reload it and make your change again.`, { key: 'policy-changed-meanwhile', params: { version: before.version, by: before.changedBy, yours: input.basedOnVersion } });
        }
        const version = before.version + 1;
        db.prepare('INSERT INTO policy_versions (version, content, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(input.policy), actor.name, at, input.note ?? null);
        deps.audit({ actor, action: 'policy-change', subject: `policy v${version}`, detail: { version, changed: changedSettings(before.policy, input.policy), note: input.note ?? null } });
        return { version, policy: input.policy, changedBy: actor.name, changedAt: at, note: input.note ?? null };
      })();
      cached = saved;
      return saved;
    },
  };
}
export type PolicyStore = ReturnType<typeof createPolicyStore>;
