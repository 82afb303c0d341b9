// Looks at a running kiosk process from outside, as an operator would: its open file descriptors and resident memory
// from /proc, and (when started with --inspect) its heap after a full garbage collection and how many objects of a
// kind are alive, through the DevTools protocol. Leak tests compare these before and after a long run.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** What the descriptors point at, grouped (socket, pipe, anon_inode, /dev/pts/N, files): says what leaked. */
export function fdKinds(pid: number): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target = '?';
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const kind = target.replace(/:\[\d+\]$/, '').replace(/^\/dev\/pts\/\d+$/, '/dev/pts').replace(/^\/(tmp|dev\/shm)\/.*/, 'temp file');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

export function rssBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) * 1024;
}

/** NODE_OPTIONS for a child whose heap a test will look at: the inspector on a free loopback port. */
export function inspectEnv(): Record<string, string> {
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim() };
}

export interface Inspector {
  /** Heap in use after a full collection (the inspector collects twice, as DevTools' trash-can button does). */
  heapAfterGc(): Promise<number>;
  /** Live objects whose prototype is what `expression` evaluates to in the process, after a full collection. */
  liveObjects(prototypeExpression: string): Promise<number>;
  close(): void;
}

/** Connects to the inspector the child printed ("Debugger listening on ws://..."). */
export async function connectInspector(output: () => string): Promise<Inspector> {
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  while (!(url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1])) {
    if (Date.now() > deadline) throw new Error(`no inspector URL in the output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) pending?.reject(new Error(message.error.message));
    else pending?.resolve(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const collect = async () => {
    await send('HeapProfiler.collectGarbage');
    await send('HeapProfiler.collectGarbage');
  };
  return {
    async heapAfterGc() {
      await collect();
      return ((await send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    },
    async liveObjects(prototypeExpression) {
      await collect();
      const proto = await send('Runtime.evaluate', { expression: prototypeExpression });
      if (!proto.result?.objectId) throw new Error(`${prototypeExpression} is not an object in the process: ${JSON.stringify(proto)}`);
      const found = await send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
      const length = await send('Runtime.callFunctionOn', { objectId: found.objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
      return length.result.value as number;
    },
    close: () => socket.close(),
  };
}
