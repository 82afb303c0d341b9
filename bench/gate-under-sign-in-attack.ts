// The gate while the network guesses passwords: the real kiosk (`gate-kiosk serve --listen-lan`, its own process)
// answers the gate's two calls per person (codes.verify of a signed GK1 code, then entries.record) over HTTPS from
// this PC, first on an idle kiosk, then while 40 peers (each its own address, 127.0.3.x) post sign-ins with made-up
// names as fast as the kiosk answers them. Read the p99 under attack beside the idle p99 of the same run.
// Run alone: node bench/gate-under-sign-in-attack.ts
import https from 'node:https';
import { pathToFileURL } from 'node:url';
import { startKiosk, type RunningKiosk } from '../test/support/kiosk.ts';
import { benchKioskData } from './support/kiosk-data.ts';
import { percentile, quick, round, size } from './support/measure.ts';
import type { Row } from './row.ts';

const PEOPLE = size(300, 60);
const ATTACKERS = 40;
const TARGET_MS = 100;

interface Reply {
  status: number;
  body: any;
}

function post(port: number, agent: https.Agent, method: string, input: unknown, token?: string): Promise<Reply> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, path: `/api/invoke/${method}`, method: 'POST', agent, rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function ok(port: number, agent: https.Agent, method: string, input: unknown, token?: string): Promise<any> {
  const reply = await post(port, agent, method, input, token);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.status} ${JSON.stringify(reply.body.error)}`);
  return reply.body.value;
}

/** The gate's calls for `people` people, each call timed on its own. */
async function gate(port: number, agent: https.Agent, token: string, codes: () => string, people: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < people; i++) {
    let t = performance.now();
    const { checkId } = await ok(port, agent, 'codes.verify', { text: codes() }, token);
    samples.push(performance.now() - t);
    t = performance.now();
    await ok(port, agent, 'entries.record', { direction: 'in', identity: { name: '张*' }, code: { kind: 'verified', checkId }, temperature: { bodyC: 36.5, source: 'device' }, maskWorn: true }, token);
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function run(): Promise<Row[]> {
  const data = benchKioskData();
  let kiosk: RunningKiosk | undefined;
  const agents: https.Agent[] = [];
  try {
    kiosk = await startKiosk({ dataDir: data.dataDir, args: ['--listen-lan'] });
    const port = Number(new URL(kiosk.url).port);
    const screen = new https.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(screen);
    // The kiosk as its admin sets it up on the PC itself; in LAN mode the gate screen signs in too.
    await ok(port, screen, 'setup.complete', { compoundName: '基准小区', compoundCode: 'BENCH', manager: { username: 'boss', displayName: 'B', password: 'admin-pass-1' } });
    const admin = (await ok(port, screen, 'accounts.signIn', { username: 'boss', password: 'admin-pass-1' })).token;
    await ok(port, screen, 'accounts.create', { username: 'gate', displayName: '门岗', role: 'volunteer', password: 'gate-pass-1' }, admin);
    const token = (await ok(port, screen, 'accounts.signIn', { username: 'gate', password: 'gate-pass-1' })).token;
    const codes = () => data.code('green', '张*');

    await gate(port, screen, token, codes, 20);
    const idle = await gate(port, screen, token, codes, PEOPLE);

    // Forty peers, each on its own kept-alive connection from its own address, never pausing.
    let attacking = true;
    const outcomes = { checked: 0, slowedDown: 0, busy: 0 };
    const attackerWaits: number[] = [];
    const attackers = Array.from({ length: ATTACKERS }, async (_, i) => {
      const agent = new https.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.3.${i + 1}` });
      agents.push(agent);
      for (let n = 0; attacking; n++) {
        const t = performance.now();
        const reply = await post(port, agent, 'accounts.signIn', { username: `guess-${i}-${n}`, password: 'password-guess' });
        attackerWaits.push(performance.now() - t);
        const message = String(reply.body.error?.message ?? '');
        if (reply.status === 409) outcomes.busy += 1;
        else if (/Wait \d+ s/.test(message)) outcomes.slowedDown += 1;
        else outcomes.checked += 1;
      }
    });
    // The attack is in full swing once the first guesses have been answered.
    while (attackerWaits.length < ATTACKERS) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    const attacked = await gate(port, screen, token, codes, PEOPLE);
    const seconds = (performance.now() - started) / 1000;
    attacking = false;
    await Promise.all(attackers);

    const idleP50 = percentile(idle, 50);
    const idleP99 = percentile(idle, 99);
    const p50 = percentile(attacked, 50);
    const p99 = percentile(attacked, 99);
    const perSecond = (n: number) => Math.round(n / seconds);
    return [
      {
        figure: `gate call (codes.verify, entries.record over HTTPS) while ${ATTACKERS} peers post bad sign-ins: p99`,
        value: round(p99, 1),
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
        compare: `idle p99 ${round(idleP99, 1)} ms (p50 ${round(idleP50, 1)} → ${round(p50, 1)} ms under attack)${quick ? ' (quick)' : ''}`,
        meets: p99 < TARGET_MS,
        note: `${PEOPLE} people, ${attacked.length} calls in ${round(seconds, 1)} s; sign-ins answered ${perSecond(attackerWaits.length)}/s: ${perSecond(outcomes.checked)}/s hashed and refused, ${perSecond(outcomes.slowedDown)}/s told to wait (slowed down by source), ${perSecond(outcomes.busy)}/s told the kiosk is busy; an attacker waited p50 ${round(percentile(attackerWaits, 50), 0)} ms for an answer`,
      },
      {
        figure: 'gate call (codes.verify, entries.record over HTTPS), idle kiosk: p99',
        value: round(idleP99, 1),
        unit: 'ms',
        target: 'baseline',
        compare: `p50 ${round(idleP50, 1)} ms, same kiosk and connection`,
      },
    ];
  } finally {
    for (const agent of agents) agent.destroy();
    await kiosk?.stop();
    data.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
