// An HTTP proxy between kiosk and registry that injects the faults of a bad network on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'drop' | 'error-500' | 'slow' | 'lose-reply' | 'duplicate';

export interface FaultProxy {
  url: string;
  /** Decides the fault for each request (n counts from 1). */
  plan: (n: number, method: string, path: string) => Fault;
  /** An attacker on the path: replaces the registry's answer before the kiosk sees it (identity when absent). */
  rewrite: ((method: string, path: string, answer: Buffer) => Buffer) | null;
  /** Every exchange that went through, as the path saw it: what an eavesdropper would have. */
  captured: Array<{ method: string; path: string; request: Buffer; answer: Buffer }>;
  target: string;
  slowMs: number;
  requests: number;
  faults: Record<Fault, number>;
  close(): Promise<void>;
}

function forward(target: string, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url ?? '/', target);
    const upstream = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const sockets = new Set<import('node:net').Socket>();
  const proxy: FaultProxy = {
    url: '',
    plan: () => 'pass',
    rewrite: null,
    captured: [],
    target,
    slowMs: 1_500,
    requests: 0,
    faults: { pass: 0, drop: 0, 'error-500': 0, slow: 0, 'lose-reply': 0, duplicate: 0 },
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const fault = proxy.plan(++proxy.requests, req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
      proxy.faults[fault] += 1;
      try {
        if (fault === 'drop') return void req.socket.destroy();
        if (fault === 'error-500') {
          res.writeHead(500, { 'content-type': 'application/json' });
          return void res.end('{"error":"injected failure"}');
        }
        if (fault === 'slow') await new Promise((r) => setTimeout(r, proxy.slowMs));
        let answer;
        if (fault === 'duplicate') {
          // Both copies reach the registry at once: the per-kiosk lock must keep them from storing twice.
          [answer] = await Promise.all([forward(proxy.target, req, body), forward(proxy.target, req, body)]);
        } else answer = await forward(proxy.target, req, body);
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const sent = proxy.rewrite ? proxy.rewrite(req.method ?? 'GET', path, answer.body) : answer.body;
        proxy.captured.push({ method: req.method ?? 'GET', path, request: body, answer: sent });
        if (fault === 'lose-reply') return void req.socket.destroy();
        if (req.socket.destroyed) return;
        res.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'application/json', ...(answer.headers.date ? { date: answer.headers.date } : {}) });
        res.end(sent);
      } catch {
        // The registry is down or was restarted: the kiosk sees a dropped connection, as it would in the field.
        req.socket.destroy();
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
