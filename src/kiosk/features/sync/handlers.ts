// The sync calls the screen makes: the badge and the end-of-shift flush.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { SyncService } from './sync-service.ts';

export function syncHandlers(sync: SyncService): HandlersFor<'sync.status' | 'sync.flush'> {
  return {
    'sync.status': () => sync.status(),
    'sync.flush': ({ timeoutMs }) => sync.flush({ timeoutMs }),
  };
}
