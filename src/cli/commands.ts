// The subcommand table. Each entry loads its module lazily so a command pays only for what it uses.
export interface Command {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

/** The kiosk's own process (start, serve): its V8 settings are made before the kiosk's modules load, since loading
 * them (Node strips the types of each file) is itself what first grows the heap. */
const kiosk = (load: Command['load']): Command['load'] => () => import('../kiosk/app/v8-settings.ts').then(load);

export const commands: Record<string, Command> = {
  start: { summary: 'Run the kiosk: Electron when its binary is available, else the browser host', load: kiosk(() => import('./start.ts')) },
  serve: { summary: 'Serve the kiosk UI and API on 127.0.0.1 (--port N --data DIR)', load: kiosk(() => import('./serve.ts')) },
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
  export: { summary: 'Export the log of a day or range as XLSX or CSV, in Chinese or English, with progress (--from DAY --to DAY --format --out)', load: () => import('./manager-work.ts').then((m) => ({ run: m.runExport })) },
  import: { summary: 'Import households, residents, vehicles or commuters from CSV/XLSX: all rows or none, with progress (KIND FILE [--dry-run])', load: () => import('./manager-work.ts').then((m) => ({ run: m.runImport })) },
  purge: { summary: 'Delete the entries past retention that the registry holds, with progress (as the console does)', load: () => import('./manager-work.ts').then((m) => ({ run: m.runPurge })) },
  'install-service': { summary: 'Start the kiosk at boot without Electron: systemd units for the browser host and Chromium in kiosk mode', load: () => import('./install-service.ts') },
  'wait-ready': { summary: 'Wait until the kiosk answers (--url URL --timeout SECONDS); the screen unit runs it before Chromium', load: () => import('./wait-ready.ts') },
  sync: { summary: 'Upload everything waiting to the district registry now, with progress (flush [--data DIR])', load: () => import('./sync.ts') },
  'demo-sheet': { summary: 'Print the demo sheet: fresh sample codes to scan, each with the answer the gate gives (--out FILE.pdf [--data DIR])', load: () => import('./demo-sheet.ts') },
  devices: { summary: 'Installer tools: list devices, read a thermometer or ID card, simulate them (list | read-temperature | simulate-thermometer | read-id-card | simulate-id-reader)', load: () => import('./devices.ts') },
};
