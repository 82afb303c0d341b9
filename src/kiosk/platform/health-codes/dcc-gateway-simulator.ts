// A stand-in EU DCC source on 127.0.0.1 (what a national backend relays from the EU gateway): the business rules and
// the revocation list in chunks, with HTTP Range support, and a fault to cut a chunk off mid-way so resuming is tested.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { RuleSetFile } from '../../../common/certlogic/rules.ts';
import { HASH_TYPES, type HashType } from './dcc-revocation.ts';
import { RECORD_BYTES, sha256Hex, TYPE_BYTE, type RevocationManifest } from './dcc-revocation-store.ts';

export interface RevokedHash {
  type: HashType;
  /** 32 hex characters: the first 16 bytes of the SHA-256. */
  hash: string;
}
export const RevokedHash = z.object({ type: z.enum(HASH_TYPES), hash: z.string().regex(/^[0-9a-f]{32}$/) });
export const RevokedHashList = z.array(RevokedHash);

export interface DccGatewaySimulator {
  url: string;
  publishRules(file: RuleSetFile): void;
  /** Publishes a new revocation list version of these hashes, `chunkRecords` records per chunk; returns the version. */
  publishRevoked(entries: readonly RevokedHash[]): number;
  /** The next request for chunk `index` is cut off (the socket destroyed) after `afterBytes` bytes of its body. */
  cutNext(index: number, afterBytes: number): void;
  /** Every request seen: path and Range header, for tests and the installer. */
  requests: Array<{ path: string; range: string | null }>;
  close(): Promise<void>;
}

export interface DccGatewayOptions {
  port?: number;
  now?: () => Date;
  chunkRecords?: number;
  rules?: RuleSetFile;
  revoked?: readonly RevokedHash[];
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += (chunk as Buffer).toString();
    if (text.length > 1024 * 1024) throw new Error('request body too large');
  }
  return text ? JSON.parse(text) : {};
}

export async function startDccGatewaySimulator(options: DccGatewayOptions = {}): Promise<DccGatewaySimulator> {
  const now = options.now ?? (() => new Date());
  const perChunk = options.chunkRecords ?? 1000;
  let rules: RuleSetFile | null = options.rules ?? null;
  let list: { manifest: RevocationManifest; chunks: Buffer[] } | null = null;
  const cuts = new Map<number, number>();
  const requests: DccGatewaySimulator['requests'] = [];

  function publishRevoked(entries: readonly RevokedHash[]): number {
    const version = (list?.manifest.version ?? 0) + 1;
    const chunks: Buffer[] = [];
    for (let i = 0; i === 0 || i < entries.length; i += perChunk) {
      const slice = entries.slice(i, i + perChunk);
      const bytes = Buffer.alloc(slice.length * RECORD_BYTES);
      slice.forEach((e, j) => {
        bytes[j * RECORD_BYTES] = TYPE_BYTE[e.type];
        Buffer.from(e.hash, 'hex').copy(bytes, j * RECORD_BYTES + 1);
      });
      chunks.push(bytes);
    }
    list = { manifest: { version, issuedAt: now().toISOString(), chunks: chunks.map((c, index) => ({ index, size: c.length, sha256: sha256Hex(c) })) }, chunks };
    return version;
  }
  publishRevoked(options.revoked ?? []);

  function sendChunk(request: IncomingMessage, response: ServerResponse, index: number, version: string | null): void {
    if (!list) return send(response, 404, { error: 'no revocation list published' });
    if (version !== String(list.manifest.version)) return send(response, 409, { error: `version ${version} is no longer offered; fetch the manifest again` });
    const chunk = list.chunks[index];
    if (!chunk) return send(response, 404, { error: `no chunk ${index}` });
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const from = range ? Number(range[1]) : 0;
    if (from > chunk.length) return void response.writeHead(416, { 'content-range': `bytes */${chunk.length}` }).end();
    const body = chunk.subarray(from);
    response.writeHead(range ? 206 : 200, {
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      ...(range ? { 'content-range': `bytes ${from}-${chunk.length - 1}/${chunk.length}` } : {}),
    });
    const cut = cuts.get(index);
    if (cut !== undefined && cut < body.length) {
      cuts.delete(index);
      // Send the first bytes, then drop the connection as a failing mobile link would.
      response.write(body.subarray(0, cut), () => setTimeout(() => request.socket.destroy(), 20));
      return;
    }
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push({ path: `${url.pathname}${url.search}`, range: request.headers.range ?? null });
    const chunk = /^\/revocation\/chunks\/(\d+)$/.exec(url.pathname);
    try {
      if (request.method === 'GET' && url.pathname === '/rules') return rules ? send(response, 200, rules) : send(response, 404, { error: 'no rule set published' });
      if (request.method === 'GET' && url.pathname === '/revocation/manifest') return send(response, 200, list!.manifest);
      if (request.method === 'GET' && chunk) return sendChunk(request, response, Number(chunk[1]), url.searchParams.get('version'));
      if (request.method === 'POST' && url.pathname === '/admin/revoked') return send(response, 200, { version: publishRevoked(RevokedHashList.parse(await readJson(request))) });
      if (request.method === 'POST' && url.pathname === '/admin/rules') {
        rules = (await readJson(request)) as RuleSetFile;
        return send(response, 200, { ok: true });
      }
      if (request.method === 'GET' && url.pathname === '/health') return send(response, 200, { ok: true });
      return send(response, 404, { error: `no route ${request.method} ${url.pathname}`, routes: ['GET /rules', 'GET /revocation/manifest', 'GET /revocation/chunks/N?version=V', 'POST /admin/revoked', 'POST /admin/rules'] });
    } catch (error) {
      if (!response.headersSent) send(response, 400, { error: (error as Error).message });
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    publishRules: (file) => void (rules = file),
    publishRevoked,
    cutNext: (index, afterBytes) => void cuts.set(index, afterBytes),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
