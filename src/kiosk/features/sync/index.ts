// The link to the district registry: the outbox trickles up, the hand-over flushes it, district documents come down.
import type { syncMethods } from '../../../common/contract/methods/sync.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { createSyncService, type SyncService, type SyncServiceDeps } from './sync-service.ts';

export type SyncMethod = keyof typeof syncMethods;

export interface SyncFeature {
  handlers: HandlersFor<SyncMethod>;
  service: SyncService;
  start(): void;
  stop(): Promise<void>;
}

export function createSyncFeature(deps: SyncServiceDeps): SyncFeature {
  const service = createSyncService(deps);
  return {
    service,
    handlers: {
      'sync.status': () => service.status(),
      'sync.flush': ({ timeoutMs }) => service.flush({ timeoutMs }),
    },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
