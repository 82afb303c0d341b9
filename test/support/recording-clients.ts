// Clients that record people through a kiosk's HTTP API as the screen does: one idempotency key per person, kept
// and sent again after a lost answer (the screen's Try again) until the kiosk answers. What they were told is the
// truth a crash test holds the database to.
import { randomBytes } from 'node:crypto';

export const PERSON = {
  direction: 'in',
  identity: { name: '测试' },
  code: { kind: 'manual', colour: 'green', why: 'phone shown' },
  temperature: { bodyC: 36.5, source: 'manual' },
  maskWorn: true,
} as const;

export interface RecordingClient {
  /** Idempotency key -> the entry id the kiosk acknowledged. */
  acknowledged: Map<string, string>;
  /** The person whose answer was lost (connection gone): recorded or not, it is sent again with the same key. */
  inFlight: string | null;
  /** Refusals the kiosk answered (ok: false), by error code. */
  refused: Map<string, number>;
}

export function recordingClient(): RecordingClient {
  return { acknowledged: new Map(), inFlight: null, refused: new Map() };
}

export const newKey = () => randomBytes(16).toString('hex');

/** Sends one person (the one in flight first); true when the kiosk answered at all. */
export async function recordOne(url: string, client: RecordingClient, facts: Record<string, unknown> = PERSON): Promise<{ answered: boolean; error?: { code: string; message: string; key?: string } }> {
  const key = client.inFlight ?? newKey();
  client.inFlight = key;
  let body: { ok: boolean; value?: { id: string }; error?: { code: string; message: string; key?: string } };
  try {
    const response = await fetch(`${url}api/invoke/entries.record`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...facts, idempotencyKey: key }) });
    body = (await response.json()) as typeof body;
  } catch {
    return { answered: false };
  }
  if (body.ok) {
    client.acknowledged.set(key, body.value!.id);
    client.inFlight = null;
    return { answered: true };
  }
  // A refusal recorded nothing: the next person gets a new key, as the screen's "next person" does.
  client.refused.set(body.error!.code, (client.refused.get(body.error!.code) ?? 0) + 1);
  client.inFlight = null;
  return { answered: true, error: body.error };
}

/** Records until `stop()` says so or the kiosk stops answering; unexpected refusals end the loop with an error. */
export async function recordUntil(url: string, client: RecordingClient, stop: () => boolean): Promise<void> {
  while (!stop()) {
    const { answered, error } = await recordOne(url, client);
    if (!answered) return;
    if (error) throw new Error(`the kiosk refused a person: ${error.code} ${error.message}`);
  }
}
