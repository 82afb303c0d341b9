// The link to the district registry: the outbox trickles up, the hand-over flushes it, district documents come down.
import type { syncMethods } from '../../../common/contract/methods/sync.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import { createSyncService, type SyncService, type SyncServiceDeps } from './sync-service.ts';

export type SyncMethod = keyof typeof syncMethods;

export interface SyncFeature {
  handlers: HandlersFor<SyncMethod>;
  service: SyncService;
  start(): void;
  stop(): Promise<void>;
}

export function createSyncFeature(deps: SyncServiceDeps & { audit?: Audit }): SyncFeature {
  const service = createSyncService(deps);
  return {
    service,
    handlers: {
      'sync.status': () => service.status(),
      'sync.flush': ({ timeoutMs }) => service.flush({ timeoutMs }),
      'sync.acknowledgeProblems': ({ note }, caller) => {
        const problems = service.status().problems ?? [];
        const acknowledged = service.acknowledgeProblems(caller.user!.username);
        deps.audit?.({ actor: actorOf(caller.user), action: 'registry-problems-acknowledged', subject: `${acknowledged} problems`, detail: { note, problems: problems.map((p) => `${p.log} ${p.kind} ${p.fromSeq}-${p.toSeq}`) } });
        return { acknowledged };
      },
    },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
