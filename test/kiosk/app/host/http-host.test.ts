// The browser host over real HTTP on a random port, with a real SQLite file behind it.
import { openKioskDb } from '../../../support/kiosk-db.ts';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/kiosk/app/create-core.ts';
import type { Caller } from '../../../../src/kiosk/platform/calls/caller.ts';
import { startHttpHost, type RunningHost } from '../../../../src/kiosk/app/host/http-host.ts';
import { tempDir } from '../../../support/temp-dir.ts';

// A visitor who gave their details, with the code colour recorded by hand: the four musts are all met.
const manualPass = {
  direction: 'in',
  identity: { name: '赵六' },
  person: { kind: 'visitor', visitorId: '' },
  code: { kind: 'manual', colour: 'green', why: '老人无智能手机' },
  temperature: { bodyC: 36.4, source: 'manual' },
  maskWorn: true,
};

describe('browser host', () => {
  const data = tempDir();
  let core: Core;
  let host: RunningHost;

  beforeAll(async () => {
    core = await createCore({ dataDir: data.dir, log: () => {} });
    host = await startHttpHost({ dispatch: core.dispatch, bus: core.bus, port: 0, health: () => ({ compound: core.config.compoundName }) });
    // The compound as a manager sets it up: first start, one household, then a visitor to it.
    const call = async (method: string, input: unknown, caller?: Caller) => {
      const result = await core.dispatch(method, input, caller);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as { id: string; token: string };
    };
    await call('setup.complete', { compoundName: '示例小区', compoundCode: 'T-01', manager: { username: 'boss', displayName: '主任', password: 'admin-pass-1' }, registryUrl: '' });
    const manager: Caller = { via: 'http-loopback', sessionToken: (await call('accounts.signIn', { username: 'boss', password: 'admin-pass-1' }, { via: 'http-loopback' })).token };
    await call('roster.households.save', { building: '3', unit: '2', room: '501' }, manager);
    manualPass.person.visitorId = (await call('roster.visitors.register', { name: '赵六', phone: '13800000000', household: '3-2-501', purpose: '探望老人' })).id;
  });
  afterAll(async () => {
    await host.close();
    await core.close();
    data.remove();
  });

  const post = (method: string, body: string) => fetch(`${host.url}api/invoke/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const rowCount = () => {
    const db = openKioskDb(data.dir, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('answers /api/health once ready', async () => {
    const response = await fetch(`${host.url}api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, compound: '示例小区' });
  });

  it('records an entry and commits it to the SQLite file before answering', async () => {
    const response = await post('entries.record', JSON.stringify(manualPass));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: true; value: { decision: string; manualReason: string } };
    expect(body.value).toMatchObject({ decision: 'pass', manualReason: '老人无智能手机' });
    expect(rowCount()).toBe(1);
  });

  it.each([
    ['an unknown method', 'entries.erase', JSON.stringify({}), 'unknown-method', /no method/],
    ['malformed JSON', 'entries.record', '{"direction": "in",', 'bad-input', /not valid JSON/],
    ['wrong types', 'entries.record', JSON.stringify({ ...manualPass, maskWorn: 'yes' }), 'bad-input', /maskWorn/],
    ['a missing field', 'entries.record', JSON.stringify({ ...manualPass, code: undefined }), 'bad-input', /code/],
    ['an impossible temperature', 'entries.record', JSON.stringify({ ...manualPass, temperature: { bodyC: 55, source: 'manual' } }), 'bad-input', /bodyC/],
  ])('answers %s with a 400 and the reason, writing nothing', async (_case, method, body, code, message) => {
    const before = rowCount();
    const response = await post(method, body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { ok: false; error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
    expect(rowCount()).toBe(before);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = net.connect(host.port, '127.0.0.1', () => socket.write('GET /api/health HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n'));
      let reply = '';
      socket.on('data', (chunk) => (reply += chunk.toString()));
      socket.on('end', () => resolve(Number(reply.split(' ')[1])));
      socket.on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('streams committed entries to every screen as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}api/events`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const recorded = (await (await post('entries.record', JSON.stringify(manualPass))).json()) as { value: { id: string } };
    let text = '';
    while (!text.includes(recorded.value.id)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    expect(text).toMatch(new RegExp(`event: entries\\.recorded\ndata: \\{"id":"${recorded.value.id}"`));
  });

  it('says clearly when the port is already in use', async () => {
    await expect(startHttpHost({ dispatch: core.dispatch, bus: core.bus, port: host.port })).rejects.toThrow(/already in use.*--port/);
  });
});
