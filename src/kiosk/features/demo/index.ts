// Sample data and training (issue 19): "try it with sample data" at first start, its removal in one step, the demo
// sheet's fresh codes, and training kiosks that hold the sample and never talk to a registry.
import type { demoMethods } from '../../../common/contract/methods/demo.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { actorOf, auditTrail, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit-log.ts';
import type { KioskConfig } from '../../platform/config/kiosk-config.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { createRosterRepository } from '../roster/roster-repository.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { demoSheet } from './demo-sheet.ts';
import { loadSample, whyNoSample, type SampleDeps } from './load-sample.ts';
import { removeSample } from './remove-sample.ts';
import { readSampleMarker, sampleMarkerExists } from './sample-marker.ts';

export type DemoMethod = keyof typeof demoMethods;
export { readSampleMarker, sampleMarkerExists } from './sample-marker.ts';

/** The demo sheet from a data folder opened outside the running kiosk (the CLI); reads the roster, audits the issue. */
export function sheetFromFolder(deps: { db: Db; dataDir: string; config: KioskConfig; now: () => Date }, actor: Actor) {
  const noHashing = () => {
    throw new Error('the demo sheet hashes no ID numbers');
  };
  const roster = createRosterRepository(deps.db, noHashing, deps.now);
  return demoSheet({ ...deps, roster: () => roster, audit: auditTrail(deps.db, deps.now), trustListPath: () => deps.config.healthCodes.trustListPath ?? 'trust/trust-list.json' }, actor);
}

export interface DemoFeature {
  handlers: HandlersFor<DemoMethod>;
  /** Sample data or training: nothing may go to the registry. */
  holdsSample(): boolean;
  /** A training kiosk loads the sample at its first start. */
  start(): Promise<void>;
}

export function createDemoFeature(deps: SampleDeps & { training: boolean; onChange: (holdsSample: boolean) => void; onSampleAccounts?: (accounts: Awaited<ReturnType<typeof loadSample>>['accounts']) => void }): DemoFeature {
  const holdsSample = () => deps.training || sampleMarkerExists(deps.dataDir);
  return {
    holdsSample,
    async start() {
      if (!deps.training || readSampleMarker(deps.dataDir) || whyNoSample(deps) !== null) return;
      const loaded = await loadSample(deps, { training: true }, SYSTEM_ACTOR);
      deps.onSampleAccounts?.(loaded.accounts);
    },
    handlers: {
      'demo.status': () => {
        const marker = readSampleMarker(deps.dataDir);
        return { sample: marker !== null, training: deps.training, loadedAt: marker?.loadedAt ?? null };
      },
      'demo.load': async (_input, caller) => {
        if (caller.via === 'http-lan' && caller.peer !== 'loopback') throw new GateError('forbidden', 'Load the sample data on the kiosk itself (or on this PC at 127.0.0.1), not over the network.', { key: 'sample-load-locally' });
        const loaded = await loadSample(deps, { training: deps.training }, actorOf(caller.user));
        deps.onChange(true);
        return loaded;
      },
      'demo.remove': (_input, caller) => {
        if (deps.training) throw new GateError('forbidden', 'This is a training kiosk: its data is the sample, in its own folder. Stop it instead; the real kiosk is untouched.', { key: 'sample-training-keep' });
        const removed = removeSample(deps, actorOf(caller.user));
        deps.onChange(false);
        return removed;
      },
      'demo.sheet': (_input, caller) => demoSheet(deps, actorOf(caller.user)),
    },
  };
}
