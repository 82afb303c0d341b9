// Audit records for reading personal data in full (a manager's roster lists, searches by name): who read what, and
// when. A screen asks again for every page and after every save; the same read by the same person within a while is
// one record, so the audit log shows each look once instead of drowning in them.
import type { Actor, Audit, AuditInput } from '../audit/audit-log.ts';

const SAME_READ_MS = 10 * 60_000;
const REMEMBERED = 500;

export type ReadAudit = (input: AuditInput & { actor: Actor }, sameReadKey: unknown) => void;

export function createReadAudit(audit: Audit, now: () => Date): ReadAudit {
  const recent = new Map<string, number>();
  return (input, sameReadKey) => {
    const at = now().getTime();
    const key = JSON.stringify([input.actor.name, input.action, sameReadKey]);
    const last = recent.get(key);
    if (last !== undefined && at - last < SAME_READ_MS) return;
    recent.delete(key);
    recent.set(key, at);
    while (recent.size > REMEMBERED) recent.delete(recent.keys().next().value!);
    audit(input);
  };
}
