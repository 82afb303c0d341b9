// Starts the core and serves it on 127.0.0.1 until the process is told to stop.
import { createCore } from '../core/create-core.ts';
import { startHttpHost, type RunningHost } from './http-host.ts';
import { rendererDist } from '../core/paths.ts';

export interface BrowserHostOptions {
  port: number;
  dataDir: string;
  host?: string;
}

export async function runBrowserHost(options: BrowserHostOptions): Promise<RunningHost> {
  const core = await createCore({ dataDir: options.dataDir });
  let host: RunningHost;
  try {
    host = await startHttpHost({
      dispatch: core.dispatch,
      bus: core.bus,
      staticDir: rendererDist,
      port: options.port,
      host: options.host,
      health: () => ({ compound: core.config.compoundName, dataDir: options.dataDir }),
    });
  } catch (error) {
    await core.close();
    throw error;
  }
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
  return { ...host, close: stop };
}
