// A stand-in health authority on 127.0.0.1: issues codes and answers verification with controllable colours, latency and failures.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { COLOURS, signGateCode } from './gate-code.ts';
import type { HealthClaims } from './health-claims.ts';
import { hashIdNumber, maskName } from './identity.ts';
import { generateSignerKey, trustListOf, type SignerKey } from './signer-keys.ts';
import type { TrustListFile } from './trust-list.ts';

export interface SimulatorBehaviour {
  latencyMs: number;
  /** 500: answer HTTP 500; drop: close the socket unanswered; hang: never answer; garbage: 200 with non-JSON. */
  failure: 'none' | '500' | 'drop' | 'hang' | 'garbage';
}

export interface AuthoritySimulatorOptions {
  port?: number;
  /** When set, /verify requires `Authorization: Bearer <credentials>`. */
  credentials?: string;
  signer?: SignerKey;
  /** Key for the ID-number hash in offline codes; random when not given. */
  idHashKey?: Uint8Array;
  issuer?: string;
  offlineLifetimeSeconds?: number;
  now?: () => Date;
}

export interface AuthoritySimulator {
  url: string;
  verifyUrl: string;
  signer: SignerKey;
  idHashKey: Uint8Array;
  trustList(validDays?: number): TrustListFile;
  mint(request: MintRequest): { code: string; format: 'online' | 'offline' };
  setColour(code: string, colour: (typeof COLOURS)[number]): boolean;
  /** Replaces an online code's health facts (ages counted from now). */
  setFacts(code: string, facts: SimulatedFacts): boolean;
  setBehaviour(behaviour: Partial<SimulatorBehaviour>): SimulatorBehaviour;
  close(): Promise<void>;
}

/** Health facts as the simulator is told them: a test by its age in hours, so scenarios read like the gate sees them. */
const SimulatedFacts = z.object({
  testHoursAgo: z.number().min(0).max(24 * 60).optional(),
  testResult: z.enum(['negative', 'positive']).default('negative'),
  antigenHoursAgo: z.number().min(0).max(24 * 60).optional(),
  antigenResult: z.enum(['negative', 'positive']).default('negative'),
  doses: z.number().int().min(0).max(20).optional(),
  lastDoseOn: z.iso.date().optional(),
  travelFlag: z.boolean().optional(),
});
export type SimulatedFacts = z.input<typeof SimulatedFacts>;

const MintRequest = z.object({
  colour: z.enum(COLOURS),
  name: z.string().min(1).default('张三'),
  id: z.string().optional(),
  format: z.enum(['online', 'offline']).default('online'),
  lifetimeSeconds: z.number().int().positive().optional(),
  ...SimulatedFacts.shape,
});
export type MintRequest = z.input<typeof MintRequest>;
const Behaviour = z.object({ latencyMs: z.number().int().min(0).max(600_000).optional(), failure: z.enum(['none', '500', 'drop', 'hang', 'garbage']).optional() });
const VerifyRequest = z.object({ code: z.string(), siteCode: z.string().optional() });
const ColourChange = z.object({ code: z.string(), colour: z.enum(COLOURS) });
const FactsChange = z.object({ code: z.string(), ...SimulatedFacts.shape });

interface OnlineCode {
  colour: (typeof COLOURS)[number];
  maskedName: string;
  refreshedAt: string;
  idHash?: string;
  /** Absolute times, fixed when minted: the test ages as the clock moves, as a real one does. */
  health: HealthClaims;
}

function claimsOf(facts: z.infer<typeof SimulatedFacts>, at: Date): HealthClaims {
  const before = (hours: number) => new Date(at.getTime() - hours * 3_600_000);
  return {
    ...(facts.testHoursAgo !== undefined ? { nucleicAcid: { sampledAt: before(facts.testHoursAgo), result: facts.testResult } } : {}),
    ...(facts.antigenHoursAgo !== undefined ? { antigen: { testedAt: before(facts.antigenHoursAgo), result: facts.antigenResult } } : {}),
    ...(facts.doses !== undefined ? { vaccination: { doses: facts.doses, ...(facts.lastDoseOn ? { lastDoseOn: facts.lastDoseOn } : {}) } } : {}),
    ...(facts.travelFlag !== undefined ? { travelFlag: facts.travelFlag } : {}),
  };
}

/** The answer's health fields (docs/health-code-format.md, "Online codes and the authority API"). */
function answerFacts(health: HealthClaims): Record<string, unknown> {
  return {
    ...(health.nucleicAcid ? { nucleicAcid: { sampledAt: health.nucleicAcid.sampledAt.toISOString(), result: health.nucleicAcid.result } } : {}),
    ...(health.antigen ? { antigen: { testedAt: health.antigen.testedAt.toISOString(), result: health.antigen.result } } : {}),
    ...(health.vaccination ? { vaccination: health.vaccination } : {}),
    ...(health.travelFlag !== undefined ? { travelFlag: health.travelFlag } : {}),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startAuthoritySimulator(options: AuthoritySimulatorOptions = {}): Promise<AuthoritySimulator> {
  const now = options.now ?? (() => new Date());
  const signer = options.signer ?? generateSignerKey();
  const idHashKey = options.idHashKey ?? randomBytes(32);
  const issuer = options.issuer ?? 'gate-kiosk authority simulator';
  const codes = new Map<string, OnlineCode>();
  let behaviour: SimulatorBehaviour = { latencyMs: 0, failure: 'none' };

  function mint(input: MintRequest): { code: string; format: 'online' | 'offline' } {
    const request = MintRequest.parse(input);
    const maskedName = maskName(request.name);
    const at = now();
    const health = claimsOf(request, at);
    const idHash = request.id ? hashIdNumber(request.id, idHashKey) : undefined;
    if (request.format === 'offline') {
      const code = signGateCode({
        privateKey: signer.privateKey,
        issuer,
        colour: request.colour,
        maskedName,
        ...(idHash ? { idHash } : {}),
        issuedAt: at,
        lifetimeSeconds: request.lifetimeSeconds ?? options.offlineLifetimeSeconds ?? 300,
        health,
      });
      return { code, format: 'offline' };
    }
    const code = `HA1:${randomBytes(18).toString('base64url')}`;
    codes.set(code, { colour: request.colour, maskedName, refreshedAt: at.toISOString(), health, ...(idHash ? { idHash: Buffer.from(idHash).toString('hex') } : {}) });
    return { code, format: 'online' };
  }

  async function answerVerify(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.credentials && request.headers.authorization !== `Bearer ${options.credentials}`) return send(response, 401, { error: 'bad credentials' });
    const body = VerifyRequest.parse(await readJson(request));
    const current = behaviour;
    if (current.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, current.latencyMs));
    if (current.failure === 'hang') return;
    if (current.failure === 'drop') return void request.socket.destroy();
    if (current.failure === '500') return send(response, 500, { error: 'simulated failure' });
    if (current.failure === 'garbage') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    const found = codes.get(body.code);
    if (!found) return send(response, 200, { result: 'not-found' });
    send(response, 200, { result: found.colour, maskedName: found.maskedName, refreshedAt: found.refreshedAt, ...(found.idHash ? { idHash: found.idHash } : {}), ...answerFacts(found.health) });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = `${request.method} ${new URL(request.url ?? '/', 'http://localhost').pathname}`;
    try {
      switch (route) {
        case 'POST /verify':
          return await answerVerify(request, response);
        case 'POST /codes':
          return send(response, 201, mint(MintRequest.parse(await readJson(request))));
        case 'PUT /codes/colour': {
          const change = ColourChange.parse(await readJson(request));
          return setColour(change.code, change.colour) ? send(response, 200, { ok: true }) : send(response, 404, { error: 'unknown code' });
        }
        case 'PUT /codes/facts': {
          const { code, ...facts } = FactsChange.parse(await readJson(request));
          return setFacts(code, facts) ? send(response, 200, { ok: true }) : send(response, 404, { error: 'unknown code' });
        }
        case 'GET /admin/behaviour':
          return send(response, 200, behaviour);
        case 'POST /admin/behaviour':
          return send(response, 200, setBehaviour(Behaviour.parse(await readJson(request))));
        case 'GET /trust-list':
          return send(response, 200, trustList());
        case 'GET /health':
          return send(response, 200, { ok: true });
        default:
          return send(response, 404, { error: `no route ${route}`, routes: ['POST /verify', 'POST /codes', 'PUT /codes/colour', 'PUT /codes/facts', 'GET|POST /admin/behaviour', 'GET /trust-list'] });
      }
    } catch (error) {
      if (!response.headersSent) send(response, 400, { error: (error as Error).message });
    }
  }

  function setColour(code: string, colour: (typeof COLOURS)[number]): boolean {
    const found = codes.get(code);
    if (!found) return false;
    codes.set(code, { ...found, colour, refreshedAt: now().toISOString() });
    return true;
  }

  function setFacts(code: string, facts: SimulatedFacts): boolean {
    const found = codes.get(code);
    if (!found) return false;
    codes.set(code, { ...found, health: claimsOf(SimulatedFacts.parse(facts), now()), refreshedAt: now().toISOString() });
    return true;
  }

  function setBehaviour(change: Partial<SimulatorBehaviour>): SimulatorBehaviour {
    behaviour = { ...behaviour, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    return behaviour;
  }

  function trustList(validDays = 30): TrustListFile {
    return trustListOf([{ key: signer, use: ['code'], label: issuer }], now(), validDays);
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    verifyUrl: `${url}/verify`,
    signer,
    idHashKey,
    trustList,
    mint,
    setColour,
    setFacts,
    setBehaviour,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
