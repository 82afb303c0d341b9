// Starts the core and serves it on 127.0.0.1 until the process is told to stop; or, in LAN mode, over HTTPS on every
// interface with sign-in for everything.
import net from 'node:net';
import os from 'node:os';
import { loadConfig } from '../../platform/config/kiosk-config.ts';
import { createCore, type CoreOptions } from '../create-core.ts';
import { startHttpHost, type RunningHost } from './http-host.ts';
import { rendererDist } from '../paths.ts';
import { ensureCertificate } from './tls-certificate.ts';

export interface BrowserHostOptions {
  port: number;
  dataDir: string;
  host?: string;
  /** Serve the LAN over HTTPS (also when config.json says lan.listen). */
  listenLan?: boolean;
  /** A training kiosk (issue 19): the sample data, a banner, never a registry. */
  training?: boolean;
  onSampleAccounts?: CoreOptions['onSampleAccounts'];
}

export interface RunningBrowserHost extends RunningHost {
  /** Present in LAN mode: the certificate's SHA-256 fingerprint, shown on the kiosk for people to compare. */
  fingerprint?: string;
}

/** Listens once and lets go: throws the host's own words when the port is taken (another kiosk is running). */
function portIsFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`Port ${port} on ${host} is already in use (is the kiosk already running?). Nothing was opened: stop the other program or choose another port with --port.`));
      else if (error.code === 'EACCES') reject(new Error(`Not allowed to listen on port ${port}. Choose a port above 1024 with --port.`));
      else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function lanAddress(): string {
  const address = Object.values(os.networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4');
  return address?.address ?? os.hostname();
}

export async function runBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const config = loadConfig(options.dataDir);
  const listenLan = options.listenLan ?? config.lan.listen;
  const tls = listenLan ? ensureCertificate(options.dataDir) : null;
  const lanInfo = tls ? { url: '', fingerprint: tls.fingerprint } : undefined;
  // A second kiosk on the same port fails here, before the core opens the database and the devices (issue 13.10): it
  // must not take the serial thermometer from the kiosk that is running.
  const bindHost = options.host ?? (listenLan ? '0.0.0.0' : '127.0.0.1');
  if (options.port !== 0) await portIsFree(options.port, bindHost);
  const core = await createCore({ dataDir: options.dataDir, lan: lanInfo, training: options.training, onSampleAccounts: options.onSampleAccounts });
  let host: RunningHost;
  try {
    host = await startHttpHost({
      dispatch: core.dispatch,
      bus: core.bus,
      staticDir: rendererDist,
      port: options.port,
      host: options.host ?? (listenLan ? '0.0.0.0' : undefined),
      health: () => ({ compound: core.config.compoundName, dataDir: options.dataDir }),
      sessions: core.sessions,
      lan: tls ? { key: tls.key, cert: tls.cert } : undefined,
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  if (lanInfo) lanInfo.url = `https://${lanAddress()}:${host.port}/`;
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await core.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { ...host, url: lanInfo?.url ?? host.url, fingerprint: tls?.fingerprint, close: stop };
}
