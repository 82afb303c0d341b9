// Attackers on the path between a kiosk and its registry, below HTTP: a TCP relay that records every byte (an
// eavesdropper), and a TLS interceptor that answers with its own certificate and reads what a kiosk would send it.
// (test/support/fault-proxy.ts is the attacker at the HTTP level: it rewrites answers over plain http.)
import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

export interface Relay {
  url: string;
  /** Bytes kiosk -> registry and registry -> kiosk, as the wire carried them. */
  upstream: Buffer[];
  downstream: Buffer[];
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host: string; port: number }): Promise<Relay> {
  const relay: Relay = { url: '', upstream: [], downstream: [], close: async () => undefined };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      relay.upstream.push(Buffer.from(chunk));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      relay.downstream.push(Buffer.from(chunk));
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  relay.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return relay;
}

export interface Interceptor {
  url: string;
  /** Plaintext the interceptor read from kiosks that accepted its certificate. */
  received: Buffer[];
  /** Connections kiosks opened to it (each met the attacker's certificate). */
  connections: number;
  close(): Promise<void>;
}

/** A TLS endpoint with the attacker's own certificate, in front of the real registry. */
export async function startTlsInterceptor(material: { key: string; cert: string }, target: { host: string; port: number }): Promise<Interceptor> {
  const interceptor: Interceptor = { url: '', received: [], connections: 0, close: async () => undefined };
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: material.key, cert: material.cert }, (client) => {
    const upstream = tls.connect({ host: target.host, port: target.port, rejectUnauthorized: false });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      interceptor.received.push(Buffer.from(chunk));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  server.on('tlsClientError', () => undefined);
  server.on('connection', (s) => {
    interceptor.connections += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  interceptor.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  interceptor.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return interceptor;
}
