// What the shell hands the core: the data folder, Save PDF, and safeStorage to seal the database key for this OS user
// (DPAPI on Windows, the Keychain on macOS, libsecret or kwallet on Linux; without a keyring the core keeps a key
// file outside the data folder instead and says so).
import type { CoreOptions, SecretSealer } from '../../src/kiosk/app/core.ts';
import { dataDirFromArgs } from './data-dir.ts';

export function kioskCoreOptions(argv: readonly string[], userData: string, safeStorage: SecretSealer, printToPdf: CoreOptions['printToPdf']): CoreOptions {
  return { dataDir: dataDirFromArgs(argv, userData), printToPdf, keySealer: safeStorage };
}
