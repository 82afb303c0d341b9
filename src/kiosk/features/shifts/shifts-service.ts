// Volunteer shifts: sign on with name and PIN, every entry carries the shift, and a hand-over both volunteers confirm.
import { randomUUID } from 'node:crypto';
import { GateError } from '../../../common/contract/errors.ts';
import type { Shift, ShiftSummary } from '../../../common/contract/shifts.ts';
import type { User } from '../../../common/contract/console.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { Accounts, AttemptSource } from '../accounts/accounts.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { outboxCounts } from '../sync/outbox.ts';

interface ShiftRow { id: string; volunteer: string; user_id: string | null; started_at: string; ended_at: string | null }

const toShift = (r: ShiftRow): Shift => ({ id: r.id, volunteer: r.volunteer, startedAt: r.started_at, endedAt: r.ended_at });

/** Counts one shift's entries: the pure half of the summary. */
export function summarise(rows: Array<{ decision: string; reasons: string; person_kind: string | null; override_id: string | null }>): Omit<ShiftSummary, 'shiftId' | 'volunteer' | 'from' | 'to' | 'notUploaded' | 'oldestNotUploadedAt'> {
  const summary = { entries: rows.length, passes: 0, refusals: 0, refusalsByReason: {} as Record<string, number>, fevers: 0, visitors: 0, overrides: 0 };
  for (const row of rows) {
    const reasons = JSON.parse(row.reasons) as string[];
    if (row.decision === 'pass') summary.passes += 1;
    else {
      summary.refusals += 1;
      for (const reason of reasons) summary.refusalsByReason[reason] = (summary.refusalsByReason[reason] ?? 0) + 1;
    }
    if (reasons.includes('fever')) summary.fevers += 1;
    if (row.person_kind === 'visitor') summary.visitors += 1;
    if (row.override_id !== null) summary.overrides += 1;
  }
  return summary;
}

export function createShiftsService(deps: { db: Db; accounts: Pick<Accounts, 'verifyCredential' | 'findUser'>; audit: Audit; now: () => Date }) {
  const { db, audit } = deps;
  const volunteer = (username: string, pin: string, from: AttemptSource) => deps.accounts.verifyCredential({ username, pin }, from);
  const openShift = db.prepare<[], ShiftRow>('SELECT id, volunteer, user_id, started_at, ended_at FROM shifts WHERE ended_at IS NULL');
  const anyPin = db.prepare<[], 1>('SELECT 1 FROM users WHERE pin_hash IS NOT NULL AND disabled = 0 LIMIT 1');

  /** A wrong PIN at the hand-over, named as the outgoing or the incoming volunteer's. */
  async function named<T>(who: 'outgoing' | 'incoming', check: Promise<T>): Promise<T> {
    try {
      return await check;
    } catch (error) {
      if (error instanceof GateError && error.key === 'wrong-pin') {
        throw new GateError(error.code, `The ${who} volunteer's name or PIN is wrong: nothing was handed over. The ${who} volunteer types it again.`, { key: 'hand-over-wrong-pin', params: { who } });
      }
      throw error;
    }
  }

  function current(): Shift | null {
    const row = openShift.get();
    return row ? toShift(row) : null;
  }

  function mustBeOpen(): ShiftRow {
    const row = openShift.get();
    if (!row) throw new GateError('conflict', 'Nobody is signed on. Sign on with your name and PIN first.', { key: 'nobody-on-duty' });
    return row;
  }

  function summaryOf(row: ShiftRow, to: string): ShiftSummary {
    const rows = db.prepare<[string], { decision: string; reasons: string; person_kind: string | null; override_id: string | null }>('SELECT decision, reasons, person_kind, override_id FROM entries WHERE shift_id = ?').all(row.id);
    const outbox = outboxCounts(db);
    return { shiftId: row.id, volunteer: row.volunteer, from: row.started_at, to, ...summarise(rows), notUploaded: outbox.waiting, oldestNotUploadedAt: outbox.oldestWaitingAt };
  }

  function start(user: User, at: string): Shift {
    const shift: ShiftRow = { id: randomUUID(), volunteer: user.displayName, user_id: user.id, started_at: at, ended_at: null };
    db.prepare('INSERT INTO shifts (id, volunteer, user_id, started_at) VALUES (?, ?, ?, ?)').run(shift.id, shift.volunteer, shift.user_id, shift.started_at);
    return toShift(shift);
  }

  return {
    current,
    /** Shifts are needed once volunteers have PINs; a fresh kiosk without accounts records under the default name. */
    required(): boolean {
      return Boolean(anyPin.get());
    },
    async signOn(name: string, pin: string, from: AttemptSource): Promise<Shift> {
      const onDuty = openShift.get();
      if (onDuty) throw new GateError('conflict', `${onDuty.volunteer} is on duty. Take over with a hand-over, so both of you confirm the summary.`, { key: 'someone-on-duty', params: { name: onDuty.volunteer } });
      const user = await volunteer(name, pin, from);
      // Checked again after the PIN: another volunteer may have signed on while it was checked.
      const meanwhile = openShift.get();
      if (meanwhile) throw new GateError('conflict', `${meanwhile.volunteer} is on duty. Take over with a hand-over, so both of you confirm the summary.`, { key: 'someone-on-duty', params: { name: meanwhile.volunteer } });
      const at = deps.now().toISOString();
      return db.transaction(() => {
        const shift = start(user, at);
        audit({ actor: actorOf(user), action: 'shift-sign-on', subject: shift.id });
        return shift;
      })();
    },
    summary(): ShiftSummary {
      return summaryOf(mustBeOpen(), deps.now().toISOString());
    },
    /** Both PINs are checked before anything changes; the summary is stored with the ended shift. */
    async handOver(outgoingPin: string, incoming: { name: string; pin: string } | null, from: AttemptSource): Promise<{ summary: ShiftSummary; ended: Shift; started: Shift | null }> {
      const row = mustBeOpen();
      if (!row.user_id) throw new GateError('conflict', 'This shift has no volunteer account; ask a manager to end it.', { key: 'shift-without-account' });
      // Whose PIN was wrong is said (issue 13.10): two volunteers type at the same screen.
      const outgoing = await named('outgoing', volunteer(deps.accounts.findUser(row.user_id).username, outgoingPin, from));
      const next = incoming ? await named('incoming', volunteer(incoming.name, incoming.pin, from)) : null;
      if (openShift.get()?.id !== row.id) throw new GateError('conflict', 'The shift changed while the PINs were checked. Look at the screen and try again.', { key: 'shift-changed' });
      if (next && next.id === outgoing.id) throw new GateError('bad-input', 'The incoming volunteer must be someone else. Ask them to type their own name and PIN.', { key: 'incoming-same-person' });
      const at = deps.now().toISOString();
      return db.transaction(() => {
        const summary = summaryOf(row, at);
        // Closed before the next opens: only one shift may be open at a time.
        db.prepare('UPDATE shifts SET ended_at = ?, summary = ? WHERE id = ?').run(at, JSON.stringify(summary), row.id);
        const started = next ? start(next, at) : null;
        if (started) db.prepare('UPDATE shifts SET handed_to = ? WHERE id = ?').run(started.id, row.id);
        audit({ actor: actorOf(outgoing), action: 'shift-hand-over', subject: row.id, detail: { to: next?.username ?? null, summary } });
        return { summary, ended: toShift({ ...row, ended_at: at }), started };
      })();
    },
  };
}
export type ShiftsService = ReturnType<typeof createShiftsService>;
