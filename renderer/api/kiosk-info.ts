// What the screens are told about the kiosk, as the contract defines it: its system info and its setup status.
import type { MethodOutput } from '../../src/common/contract/index.ts';

export type SystemInfo = MethodOutput<'system.info'>;
export type SetupStatus = MethodOutput<'setup.status'>;
