// What the screens are told about the kiosk, as the contract defines it: its system info and its setup status.
import type { MethodOutput } from '../../src/common/contract/index.ts';

export type SystemInfo = MethodOutput<'system.info'>;
/** What setup.status answers: on the network before a sign-in, only that one is needed. */
export type SetupAnswer = MethodOutput<'setup.status'>;
/** The full answer, once the caller may know the compound (on the kiosk itself, or signed in). */
export type SetupStatus = Extract<SetupAnswer, { signInRequired: false }>;
