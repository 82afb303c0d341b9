// The checkpoint steps as a pure state machine: one action per screen, the core decides at the end.
import type { Entry, EntryFacts, HealthCodeResult, ManualColour, Measurement, Temperature } from '../../../src/contract/index.ts';

export type CodeRef =
  | { kind: 'verified'; checkId: string; result: HealthCodeResult }
  | { kind: 'manual'; colour: ManualColour; why: string; scanText?: string };

export type Step =
  | { name: 'scan' }
  | { name: 'verifying'; text: string }
  /** No usable verified result: the volunteer records the colour seen on the phone. */
  | { name: 'manual'; scanText?: string; problem?: HealthCodeResult }
  | { name: 'identity'; code: CodeRef; suggestedName?: string }
  | { name: 'temperature'; code: CodeRef; personName: string; attempt: 1 | 2; note?: string }
  | { name: 'mask'; code: CodeRef; personName: string; temperature: Temperature }
  | { name: 'saving'; facts: EntryFacts }
  | { name: 'result'; entry: Entry }
  | { name: 'failed'; message: string; facts?: EntryFacts };

export type FlowEvent =
  | { type: 'scanned'; text: string }
  | { type: 'verified'; checkId: string; result: HealthCodeResult }
  | { type: 'verify-failed'; message: string }
  | { type: 'manual-requested' }
  | { type: 'colour-chosen'; colour: ManualColour; why: string }
  | { type: 'name-entered'; name: string }
  | { type: 'measured'; measurement: Measurement; source: 'device' | 'manual'; feverLineC: number }
  | { type: 'mask-checked'; worn: boolean }
  | { type: 'recorded'; entry: Entry }
  | { type: 'record-failed'; message: string }
  | { type: 'retry' }
  | { type: 'reset' };

export const initialStep: Step = { name: 'scan' };

function codeFacts(code: CodeRef): EntryFacts['code'] {
  return code.kind === 'verified' ? { kind: 'verified', checkId: code.checkId } : { kind: 'manual', colour: code.colour, why: code.why, scanText: code.scanText };
}

/** A code that is not green ends the check at once: no temperature or mask for a refused person. */
function refusedAtCode(code: CodeRef): boolean {
  return code.kind === 'verified' ? code.result.status !== 'green' : code.colour !== 'green';
}

function save(code: CodeRef, rest: Omit<EntryFacts, 'code' | 'direction' | 'identity'> & { personName?: string }): Step {
  const { personName, ...facts } = rest;
  return { name: 'saving', facts: { direction: 'in', identity: personName ? { name: personName } : {}, code: codeFacts(code), ...facts } };
}

function afterCode(code: CodeRef, suggestedName?: string): Step {
  if (refusedAtCode(code)) return save(code, { personName: suggestedName });
  return { name: 'identity', code, suggestedName };
}

export function next(step: Step, event: FlowEvent): Step {
  if (event.type === 'reset') return initialStep;
  if (event.type === 'scanned' && (step.name === 'scan' || step.name === 'result' || step.name === 'manual')) return { name: 'verifying', text: event.text };
  switch (step.name) {
    case 'scan':
      return event.type === 'manual-requested' ? { name: 'manual' } : step;
    case 'verifying':
      if (event.type === 'verify-failed') return { name: 'manual', scanText: step.text };
      if (event.type !== 'verified') return step;
      // A technical failure is never a colour: the volunteer falls back to looking at the phone.
      if (event.result.status === 'error') return { name: 'manual', scanText: step.text, problem: event.result };
      return afterCode({ kind: 'verified', checkId: event.checkId, result: event.result }, 'holderName' in event.result ? event.result.holderName : undefined);
    case 'manual':
      if (event.type !== 'colour-chosen') return step;
      return afterCode({ kind: 'manual', colour: event.colour, why: event.why, scanText: step.scanText });
    case 'identity':
      return event.type === 'name-entered' && event.name.trim() ? { name: 'temperature', code: step.code, personName: event.name.trim(), attempt: 1 } : step;
    case 'temperature': {
      if (event.type !== 'measured') return step;
      const m = event.measurement;
      if (!m.ok) return { ...step, note: m.reason };
      const temperature: Temperature = { bodyC: m.bodyC, objectC: m.objectC, ambientC: m.ambientC, source: event.source };
      // At or above the fever line the first reading only asks for a second one; the second decides.
      if (m.bodyC >= event.feverLineC && step.attempt === 1) return { ...step, attempt: 2, note: undefined };
      return { name: 'mask', code: step.code, personName: step.personName, temperature };
    }
    case 'mask':
      return event.type === 'mask-checked' ? save(step.code, { personName: step.personName, temperature: step.temperature, maskWorn: event.worn }) : step;
    case 'saving':
      if (event.type === 'recorded') return { name: 'result', entry: event.entry };
      if (event.type === 'record-failed') return { name: 'failed', message: event.message, facts: step.facts };
      return step;
    case 'failed':
      return event.type === 'retry' && step.facts ? { name: 'saving', facts: step.facts } : step;
    default:
      return step;
  }
}
