// The sample compound of "try it with sample data" and of training kiosks: a few households the way a real roster
// looks (building-unit-room), residents with and without printed cards, commuters, a vehicle, volunteers and peak
// windows. Plain data and small pure helpers; loading it is load-sample.ts.
import { randomInt } from 'node:crypto';
import { weakPinReason } from '../../../common/contract/pin-rules.ts';
import type { PeakWindow } from '../../../common/contract/policy.ts';

/** Words that mark sample data wherever it shows: the compound's name, notes and display names. */
export const SAMPLE_MARK = '示例数据';
export const SAMPLE_COMPOUND = { name: `幸福里小区（${SAMPLE_MARK}）`, code: 'SAMPLE-0001' };

export interface SampleResident {
  key: string;
  name: string;
  /** A valid-looking but invented ID number (checksum right), so "find by ID number" can be tried. */
  idNumber?: string;
  phone?: string;
  cardId?: string;
  commuter?: { usualOut: string; usualIn: string; withVehicle: boolean };
}

export interface SampleHousehold {
  building: string;
  unit: string;
  room: string;
  residents: SampleResident[];
  plate?: string;
}

/** The mainland ID checksum (GB 11643): the 18th character from the first 17 digits. */
export function idChecksum(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
const idNumber = (first17: string) => first17 + idChecksum(first17);

export const SAMPLE_HOUSEHOLDS: readonly SampleHousehold[] = [
  {
    building: '3', unit: '2', room: '501', plate: '京A5S001',
    residents: [
      { key: 'wang-jianguo', name: '王建国', idNumber: idNumber('11010519650315231'), phone: '13800000501', cardId: 'SAMPLE-CARD-0001' },
      // No smartphone: her code is shown on her son's phone (a relative's code), or she is found by household.
      { key: 'li-xiulan', name: '李秀兰' },
      { key: 'wang-xiaoming', name: '王小明', phone: '13900000501', cardId: 'SAMPLE-CARD-0002', commuter: { usualOut: '07:30', usualIn: '18:30', withVehicle: true } },
    ],
  },
  { building: '1', unit: '1', room: '101', residents: [{ key: 'zhang-wei', name: '张伟', phone: '13700000101' }, { key: 'liu-fang', name: '刘芳' }] },
  { building: '1', unit: '1', room: '102', residents: [{ key: 'chen-jing', name: '陈静', idNumber: idNumber('31010419900712482') }] },
  { building: '2', unit: '1', room: '301', residents: [{ key: 'zhao-lei', name: '赵磊', phone: '13600000301', commuter: { usualOut: '08:00', usualIn: '19:00', withVehicle: false } }] },
];

export const SAMPLE_VOLUNTEERS = [
  { username: 'sample-li', displayName: `李阿姨（${SAMPLE_MARK}）` },
  { username: 'sample-zhou', displayName: `周师傅（${SAMPLE_MARK}）` },
] as const;
export const SAMPLE_ADMIN = { username: 'sample-admin', displayName: `物业主任（${SAMPLE_MARK}）` };

/** Rush hours, and one from the hour the sample was loaded so the fast lane can be tried at once. */
export function samplePeakWindows(localHour: number): PeakWindow[] {
  const pad = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return [{ start: '07:00', end: '09:00' }, { start: '17:00', end: '19:00' }, { start: pad(localHour), end: pad(localHour + 3) }];
}

/** A random PIN the kiosk accepts (not 1234, 0000, 1212 ...). */
export function randomPin(draw: (max: number) => number = randomInt): string {
  for (;;) {
    const pin = String(draw(10_000)).padStart(4, '0');
    if (weakPinReason(pin) === null) return pin;
  }
}

/** A password for the sample admin: 12 letters and digits without look-alikes, shown once. */
export function randomPassword(draw: (max: number) => number = randomInt): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 12 }, () => alphabet[draw(alphabet.length)]).join('');
}
