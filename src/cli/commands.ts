// The subcommand table. Each entry loads its module lazily so a command pays only for what it uses.
export interface Command {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

export const commands: Record<string, Command> = {
  start: { summary: 'Run the kiosk: Electron when its binary is available, else the browser host', load: () => import('./start.ts') },
  serve: { summary: 'Serve the kiosk UI and API on 127.0.0.1 (--port N --data DIR)', load: () => import('./serve.ts') },
  registry: { summary: 'Run the district registry (HTTPS; --port N --data DIR --database-url URL), or `registry code|publish|staff` as its admin', load: () => import('./registry.ts') },
  enrol: { summary: 'Enrol this kiosk with the district registry (--registry URL --code CODE [--fingerprint SHA256])', load: () => import('./enrol.ts') },
  'verify-code': { summary: 'Check health codes given as JSON lines on stdin (payload, trust, at); one JSON verdict per line', load: () => import('./verify-code.ts') },
  keys: { summary: 'Create an EC P-256 signer key for gate codes and pin it in a trust list (--out DIR)', load: () => import('./keys.ts') },
  'sign-code': { summary: 'Issue a signed gate code or printed resident card (--key --colour --name)', load: () => import('./sign-code.ts') },
  authority: { summary: 'Run the health-authority simulator on 127.0.0.1 (--port N)', load: () => import('./authority.ts') },
  accounts: { summary: "The machine owner's recovery on this PC: list accounts, unlock USER, reset-password USER (audited)", load: () => import('./accounts.ts') },
  storage: { summary: "The kiosk database: check it, start over when it was lost, or make a new roster ID key (check | start-over | new-roster-key)", load: () => import('./storage.ts') },
  certlogic: { summary: 'Evaluate CertLogic (EU DCC business rules) given as JSON lines {"expression", "data"}; one {"result"} or {"error"} line each', load: () => import('./certlogic.ts') },
  'dcc-gateway': { summary: 'Run the EU DCC source simulator (business rules, chunked revocation list) on 127.0.0.1 (--port N)', load: () => import('./dcc-gateway.ts') },
  devices: { summary: 'Installer tools: list devices, read a thermometer or ID card, simulate them (list | read-temperature | simulate-thermometer | read-id-card | simulate-id-reader)', load: () => import('./devices.ts') },
};
