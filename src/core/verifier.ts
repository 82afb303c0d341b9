// The kiosk's health-code verifier, built from its configuration; file paths are relative to the data folder.
import path from 'node:path';
import type { CodeVerifier } from '../gate/checkpoint-service.ts';
import { createHealthCodeVerifier } from '../health-codes/index.ts';
import type { KioskConfig } from './config.ts';

export function createVerifier(config: KioskConfig, dataDir: string): CodeVerifier {
  const inData = (file: string | undefined) => (file ? path.resolve(dataDir, file) : undefined);
  return createHealthCodeVerifier({
    ...config.healthCodes,
    trustListPath: inData(config.healthCodes.trustListPath),
    revocationListPath: inData(config.healthCodes.revocationListPath),
  });
}
