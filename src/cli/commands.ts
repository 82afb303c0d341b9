// The subcommand table. Each entry loads its module lazily so a command pays only for what it uses.
export interface Command {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

export const commands: Record<string, Command> = {
  start: { summary: 'Run the kiosk: Electron when its binary is available, else the browser host', load: () => import('./start.ts') },
  serve: { summary: 'Serve the kiosk UI and API on 127.0.0.1 (--port N --data DIR)', load: () => import('./serve.ts') },
  registry: { summary: 'Run the district registry (--port N --data DIR --database-url URL), or `registry code`/`publish` as its admin', load: () => import('./registry.ts') },
};
