// Records one person at the gate: resolves the code, decides, commits, then tells every screen.
import { randomUUID } from 'node:crypto';
import { EntryFacts, type Entry } from '../contract/entries.ts';
import type { HealthCodeResult } from '../contract/health-code.ts';
import type { Policy } from '../contract/policy.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import type { CodeChecks } from './code-checks.ts';
import { decide } from './decide.ts';

export interface CodeVerifier {
  verify(text: string, at: Date): Promise<HealthCodeResult>;
}

export interface CheckpointDeps {
  entries: EntriesRepository;
  verifier: CodeVerifier;
  checks: CodeChecks;
  bus: EventBus;
  policy: () => Policy;
  now: () => Date;
  volunteer: () => string;
}

export function createCheckpointService(deps: CheckpointDeps) {
  function resolveCode(code: EntryFacts['code'], at: Date): HealthCodeResult {
    if (code.kind === 'manual') return { status: code.colour, source: 'manual', checkedAt: at.toISOString() };
    return deps.checks.get(code.checkId);
  }

  return {
    async verify(text: string): Promise<{ checkId: string; result: HealthCodeResult }> {
      const result = await deps.verifier.verify(text, deps.now());
      return { checkId: deps.checks.remember(result), result };
    },

    async record(input: EntryFacts): Promise<Entry> {
      const facts = EntryFacts.parse(input);
      const at = deps.now();
      const code = resolveCode(facts.code, at);
      const temperature = facts.temperature ?? null;
      const maskWorn = facts.maskWorn ?? null;
      const { decision, reasons } = decide({ code, identity: facts.identity, temperature, maskWorn }, deps.policy());
      const entry: Entry = {
        id: randomUUID(),
        at: at.toISOString(),
        direction: facts.direction,
        lane: facts.lane,
        identity: facts.identity,
        code,
        manualReason: facts.code.kind === 'manual' ? facts.code.why : null,
        temperature,
        maskWorn,
        decision,
        reasons,
        volunteer: deps.volunteer(),
      };
      // Committed before anyone is told: the screen shows only what is on disk.
      deps.entries.insert(entry);
      if (facts.code.kind === 'verified') deps.checks.forget(facts.code.checkId);
      deps.bus.publish('entries.recorded', entry);
      return entry;
    },
  };
}
export type CheckpointService = ReturnType<typeof createCheckpointService>;
