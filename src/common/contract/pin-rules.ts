// Which PINs are too easy to guess. A PIN only ever signs a volunteer on at the gate (or a manager's override there),
// behind a slow-down; still, the PINs people pick first are the ones tried first. Pure, so the screen could say it too.

// The most common four-digit PINs that the patterns below do not already catch (published PIN-frequency studies; 1314, 5201, 5211 and 7758 read as love words in Chinese).
const COMMON = new Set(['1004', '2000', '2001', '2580', '0852', '6969', '5683', '1314', '5201', '5211', '7758']);

const allSame = (pin: string) => /^(\d)\1+$/.test(pin);
/** 1234, 3456789, 4321, 9876, 0123: each digit one more (or one less) than the last. */
function straightRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add(pin.charCodeAt(i) - pin.charCodeAt(i - 1));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}
/** 1212, 123123, 112233, 1122: a short group repeated, or each digit doubled. */
const repeatedGroup = (pin: string) => /^(\d{1,3})\1+$/.test(pin) || /^((\d)\2)+$/.test(pin);

/** Why a PIN must not be used (a phrase that fits "The PIN ..."), or null when it may. */
export function weakPinReason(pin: string): string | null {
  if (!/^\d{4,8}$/.test(pin)) return 'must be 4 to 8 digits';
  if (allSame(pin) || straightRun(pin) || repeatedGroup(pin) || COMMON.has(pin)) {
    return 'is too easy to guess (like 1234, 0000 or 1212): choose digits without a pattern';
  }
  return null;
}
