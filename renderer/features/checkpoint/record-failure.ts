// What the volunteer reads when a record is refused: the storage failures the core names by code are worded in the
// chosen language; anything else keeps the core's own message (it names the field or the step to fix).
import type { MessageKey } from '../../i18n/messages.ts';

const WORDED: Record<string, MessageKey> = {
  'disk-full': 'recordDiskFull',
  storage: 'recordStorageFailed',
  corrupt: 'recordCorrupt',
};

export function recordFailureText(error: { code?: string; message: string }, t: (key: MessageKey) => string): string {
  const key = error.code ? WORDED[error.code] : undefined;
  return key ? t(key) : error.message;
}
