// What the composition root hands to the hosts (the browser host, Electron's main process) and to tests.
import type { AccountsDeps } from '../features/accounts/accounts.ts';
import type { KioskDevices } from '../features/devices/index.ts';
import type { CodeVerifier } from '../features/gate/index.ts';
import type { Dispatch } from '../platform/calls/dispatcher.ts';
import type { KioskConfig } from '../platform/config/kiosk-config.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import type { Db } from '../platform/store/open-store.ts';
import type { SecretSealer } from '../platform/store/at-rest/key-protection.ts';
import type { StorageStatus } from '../../common/contract/methods/system.ts';

export type { SecretSealer } from '../platform/store/at-rest/key-protection.ts';
import type { User } from '../../common/contract/console.ts';
import type { z } from 'zod';
import type { SampleAccounts as SampleAccountsSchema } from '../../common/contract/methods/demo.ts';

export interface CoreOptions {
  dataDir: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Replaces the configured devices (tests that drive a port directly). */
  devices?: KioskDevices;
  verifier?: CodeVerifier;
  /** The LAN address and certificate fingerprint when the browser host serves the LAN, for the kiosk to show. */
  lan?: { url: string; fingerprint: string };
  /** Electron only: the kiosk window's page as an A4 PDF (webContents.printToPDF). */
  printToPdf?: () => Promise<Buffer>;
  /** Sign-in slow-down and secret-hashing limits (benchmarks and tests; the defaults suit a kiosk). */
  accounts?: Pick<AccountsDeps, 'throttle' | 'hashing'>;
  /** Electron only: safeStorage, which seals the database key for this OS user; elsewhere a key file outside DATA. */
  keySealer?: SecretSealer;
  /** How often the full integrity check runs (default daily; the first 10 minutes after start). */
  integrityCheckEveryMs?: number;
  /** A training kiosk (issue 19): its own data folder, the sample data loaded at first start, never a registry. */
  training?: boolean;
  /** Told the sample accounts' secrets once, when a training kiosk loads the sample at its first start. */
  onSampleAccounts?: (accounts: SampleAccounts) => void;
}

export type SampleAccounts = z.infer<typeof SampleAccountsSchema>;

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  config: KioskConfig;
  /** How scans arrive; Electron reads a wedge scanner itself with these thresholds. */
  scanner: { mode: KioskDevices['scannerMode']; wedge: KioskDevices['wedge'] };
  db: Db;
  /** The account behind a session token, or null; a call counts as the session's activity. */
  resolveSession(token: string): User | null;
  /** What the hosts need to tie event streams to sessions and close them when a session ends. */
  sessions: { peek(token: string): User | null; onChange(listener: () => void): () => void };
  /** Runs the full integrity check now (off the gate's path, as the schedule does) and answers the storage status. */
  checkStorage(): Promise<StorageStatus>;
  close(): Promise<void>;
}
