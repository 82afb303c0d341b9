// Downloads the DCC revocation list chunk by chunk into the store's folder. Bytes are written as they arrive, so a
// download cut off (a gate's mobile link, a power cut) resumes where it stopped: whole chunks already kept are not
// fetched again, and a partial chunk continues with an HTTP Range request. Each chunk is checked against the SHA-256
// the manifest gives before it counts; the new version replaces the old one only once every chunk is in.
import { open, readdir, rename, rm, stat, writeFile, readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chunkFile, readState, RevocationManifest, sha256Hex, STATE_FILE, type RevocationState } from './dcc-revocation-store.ts';

export interface RevocationDownload {
  /** The source's base URL: {url}/manifest and {url}/chunks/{index}?version={version}. */
  url: string;
  dir: string;
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface DownloadReport {
  outcome: 'updated' | 'confirmed';
  version: number;
  /** Bytes received in this run (a resumed run receives only what was missing). */
  bytesFetched: number;
  /** Chunks continued from a partial file, with the byte they continued from. */
  resumed: Array<{ index: number; from: number }>;
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

async function matches(file: string, size: number, sha256: string): Promise<boolean> {
  if ((await sizeOf(file)) !== size) return false;
  return sha256Hex(await readFile(file)) === sha256;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

export async function downloadRevocationList(options: RevocationDownload): Promise<DownloadReport> {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = options.url.replace(/\/+$/, '');
  await mkdir(options.dir, { recursive: true });
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200 && response.status !== 206) throw new Error(`${url} answered HTTP ${response.status}`);
    return response;
  };

  const manifest = RevocationManifest.parse(await (await get(`${base}/manifest`)).json());
  const current = readState(options.dir);
  const report: DownloadReport = { outcome: 'updated', version: manifest.version, bytesFetched: 0, resumed: [] };
  if (current && manifest.version < current.version) throw new Error(`the source offers version ${manifest.version}, older than the kept version ${current.version}: refusing to go back`);

  for (const chunk of manifest.chunks) {
    const done = chunkFile(options.dir, manifest.version, chunk.index);
    if (await matches(done, chunk.size, chunk.sha256)) continue;
    const part = `${done}.part`;
    const have = await sizeOf(part);
    let from = have ?? 0;
    if (from > chunk.size) {
      await rm(part, { force: true });
      from = 0;
    }
    // An empty chunk is fetched too: the file must exist to count as kept.
    if (from < chunk.size || have === null) {
      const response = await get(`${base}/chunks/${chunk.index}?version=${manifest.version}`, from > 0 ? { range: `bytes=${from}-` } : {});
      // A source that ignores the Range header sends the whole chunk: start the file again.
      const resuming = from > 0 && response.status === 206;
      if (from > 0 && !resuming) from = 0;
      if (resuming) report.resumed.push({ index: chunk.index, from });
      const handle = await open(part, resuming ? 'a' : 'w');
      try {
        for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
          await handle.write(bytes);
          report.bytesFetched += bytes.length;
        }
      } finally {
        await handle.close();
      }
    }
    if (!(await matches(part, chunk.size, chunk.sha256))) {
      await rm(part, { force: true });
      throw new Error(`chunk ${chunk.index} of version ${manifest.version} does not match its SHA-256: it was discarded and is fetched again next time`);
    }
    await rename(part, done);
  }

  const state: RevocationState = { ...manifest, checkedAt: options.now().toISOString() };
  if (current && current.version === manifest.version && JSON.stringify(current.chunks) === JSON.stringify(manifest.chunks)) report.outcome = 'confirmed';
  await writeAtomically(path.join(options.dir, STATE_FILE), JSON.stringify(state));
  // Only now is the old version no longer needed.
  for (const name of await readdir(options.dir)) {
    if (/^v\d+-\d+\.bin(\.part)?$/.test(name) && !name.startsWith(`v${manifest.version}-`)) await rm(path.join(options.dir, name), { force: true });
  }
  return report;
}
