// Manager-authorised passes: authorised once (the contract makes authorize() check the manager), cited by one entry
// within a few minutes, audited at both ends.
import { randomUUID } from 'node:crypto';
import { GateError } from '../../../common/contract/errors.ts';
import type { OverrideRecord } from '../../../common/contract/entries.ts';
import type { User } from '../../../common/contract/console.ts';
import { actorOf, type Actor, type Audit } from '../../platform/audit/audit-log.ts';

export const OVERRIDE_MS = 5 * 60_000;

export function createOverrides(deps: { audit: Audit; now: () => Date }) {
  const pending = new Map<string, OverrideRecord & { expiresMs: number; actor: Actor }>();
  return {
    authorize(manager: User, reason: string) {
      const id = randomUUID();
      const expiresMs = deps.now().getTime() + OVERRIDE_MS;
      for (const [key, o] of pending) if (o.expiresMs <= deps.now().getTime()) pending.delete(key);
      const actor = actorOf(manager);
      pending.set(id, { id, by: manager.displayName, reason, expiresMs, actor });
      deps.audit({ actor, action: 'override', subject: id, detail: { stage: 'authorised', reason } });
      return { overrideId: id, by: manager.displayName, reason, expiresAt: new Date(expiresMs).toISOString() };
    },
    /** The authorisation an entry cites; it stays usable until used or expired. */
    peek(id: string): OverrideRecord & { actor: Actor } {
      const found = pending.get(id);
      if (!found || found.expiresMs <= deps.now().getTime()) {
        pending.delete(id);
        throw new GateError('forbidden', "The manager's authorisation has expired or was used. Ask the manager to authorise again.", { key: 'override-expired' });
      }
      return found;
    },
    consume(id: string): void {
      pending.delete(id);
    },
  };
}
export type Overrides = ReturnType<typeof createOverrides>;
