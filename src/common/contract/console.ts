// Domain types of the manager console: roles, accounts, the audit log, log queries, statistics and exports.
import { z } from 'zod';
import { Decision, Direction, Lane, RefusalReason } from './entries.ts';
import { weakPinReason } from './pin-rules.ts';

/** volunteer: the gate screen; manager: the console (log, exports, roster, reveal); admin: also accounts and devices. */
export const Role = z.enum(['volunteer', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

/**
 * Who may call a method; every contract entry names one, and the core's one authorize() applies it.
 * public: anyone (sign-in, first start); volunteer: the kiosk screen (on 127.0.0.1 or Electron without sign-in, on the
 * LAN with any session); manager / admin: a session with that role or higher, on every transport;
 * manager-or-credentials: a manager's session, or a manager's user name and secret given with the call as `manager`
 * (the kiosk screen has no manager session: a manager standing at the gate types them; they win over a session).
 */
export const Access = z.enum(['public', 'volunteer', 'manager', 'admin', 'manager-or-credentials']);
export type Access = z.infer<typeof Access>;

/** The one user type that crosses the boundary: who is signed in, or who authorised a call. */
export const User = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: Role });
export type User = z.infer<typeof User>;

/** A manager's sign-in typed at the gate: a password, or a PIN. */
export const ManagerCredentials = z.object({ username: z.string().trim().min(1).max(60), secret: z.string().min(1).max(200) });
export type ManagerCredentials = z.infer<typeof ManagerCredentials>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  hasPassword: z.boolean(),
  hasPin: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

export const Username = z.string().trim().min(2, 'at least 2 characters').max(40).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash or underscore only');
export const Password = z.string().min(8, 'at least 8 characters').max(200);
export const Pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits').refine((pin) => !/^\d{4,8}$/.test(pin) || weakPinReason(pin) === null, { message: 'is too easy to guess (like 1234, 0000 or 1212): choose digits without a pattern' });

export const AuditRecord = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** A day or a range of local days, with the filters the console offers; every filter is optional. */
export const LogFilter = z.object({
  from: Day,
  /** Inclusive; equal to `from` (or absent) for one day. */
  to: Day.optional(),
  direction: Direction.optional(),
  decision: Decision.optional(),
  reason: RefusalReason.optional(),
  lane: Lane.optional(),
  /** One volunteer shift (shifts table id). */
  shiftId: z.string().max(64).optional(),
  /** resident (incl. commuters), visitor or unknown, as the gate recorded it. */
  person: z.enum(['resident', 'commuter', 'visitor', 'unknown']).optional(),
  /** Only people at or above the fever line (true) or below it (false). */
  fever: z.boolean().optional(),
  /** Part of a name, household (e.g. 3-2-201) or plate. */
  search: z.string().trim().max(60).optional(),
});
export type LogFilter = z.infer<typeof LogFilter>;

/** One line of the console's table: names and identifiers masked. */
export const LogRow = z.object({
  id: z.string(),
  at: z.string(),
  direction: Direction,
  lane: Lane,
  name: z.string().nullable(),
  maskedId: z.string().nullable(),
  codeStatus: z.string(),
  codeSource: z.string().nullable(),
  bodyC: z.number().nullable(),
  maskWorn: z.boolean().nullable(),
  decision: Decision,
  reasons: z.array(RefusalReason),
  volunteer: z.string(),
  shiftId: z.string().nullable(),
  personKind: z.string().nullable(),
  /** Building-unit-room, when the person was matched to a household. */
  household: z.string().nullable(),
  plate: z.string().nullable(),
  overridden: z.boolean(),
});
export type LogRow = z.infer<typeof LogRow>;

export const HourBucket = z.object({ hour: z.number(), in: z.number(), out: z.number(), refused: z.number() });

export const ShiftStats = z.object({
  shift: z.string(),
  total: z.number(),
  in: z.number(),
  out: z.number(),
  refused: z.number(),
  fevers: z.number(),
  fastLaneShare: z.number(),
  medianSecondsAtPeak: z.number().nullable(),
});

export const LogStats = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  passed: z.number(),
  refused: z.number(),
  in: z.number(),
  out: z.number(),
  perHour: z.array(HourBucket),
  refusalsByReason: z.array(z.object({ reason: RefusalReason, count: z.number() })),
  fevers: z.number(),
  /** Share (0..1) of entries through the fast lane. */
  fastLaneShare: z.number(),
  /** The busiest hour, and the median seconds between people in it (how long one person takes at the gate). */
  peakHour: z.number().nullable(),
  medianSecondsAtPeak: z.number().nullable(),
  perShift: z.array(ShiftStats),
  perDay: z.array(z.object({ day: z.string(), total: z.number(), refused: z.number(), fevers: z.number() })),
});
export type LogStats = z.infer<typeof LogStats>;

export const ExportFormat = z.enum(['csv', 'xlsx']);

/** A screen's name for one piece of long console work (an export, an import, a purge), to follow its progress. */
export const ProgressId = z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, dash or underscore (at most 64)');

/** How far a long piece of console work is: rows done of the total (null while the total is not known). */
export const ConsoleProgress = z.object({
  id: ProgressId,
  task: z.enum(['export', 'import', 'purge']),
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  finished: z.boolean(),
});
export type ConsoleProgress = z.infer<typeof ConsoleProgress>;
export type ExportFormat = z.infer<typeof ExportFormat>;
