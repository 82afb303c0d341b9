// Which rows are the sample's, kept in DATA/sample-data.json (0600) rather than in the schema: the file's presence is
// what "sample data loaded" means, it lists what removal takes away, and the config and policy it replaced.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SAMPLE_FILE = 'sample-data.json';

export const SampleMarker = z.object({
  loadedAt: z.string(),
  training: z.boolean(),
  /** config.json as it was before the sample (restored on removal). */
  configBefore: z.record(z.string(), z.unknown()),
  /** The policy version in force before the sample's own. */
  policyVersionBefore: z.number().int(),
  households: z.array(z.string()),
  residents: z.array(z.string()),
  vehicles: z.array(z.string()),
  users: z.array(z.string()),
  /** Residents by their key in sample-compound.ts, for the demo sheet's cards. */
  residentIds: z.record(z.string(), z.string()),
  /** The sample health authority's key id in the trust list. */
  codeKid: z.string(),
});
export type SampleMarker = z.infer<typeof SampleMarker>;

/** The file's presence is enough to hold uploads back: a damaged marker must not let sample entries go up. */
export function sampleMarkerExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, SAMPLE_FILE));
}

export function readSampleMarker(dataDir: string): SampleMarker | null {
  const file = path.join(dataDir, SAMPLE_FILE);
  if (!existsSync(file)) return null;
  return SampleMarker.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function writeSampleMarker(dataDir: string, marker: SampleMarker): void {
  const file = path.join(dataDir, SAMPLE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function removeSampleMarker(dataDir: string): void {
  rmSync(path.join(dataDir, SAMPLE_FILE), { force: true });
}
