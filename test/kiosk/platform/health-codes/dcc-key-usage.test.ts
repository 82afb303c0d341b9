// keyUsageAllows answers as the list of allowed types does, for every combination of the usages a signer may name.
import { expect, test } from 'vitest';
import { allowedDccTypes, keyUsageAllows } from '../../../../src/kiosk/platform/health-codes/dcc-key-usage.ts';

const OIDS = ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1', '1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2', '1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3', '1.3.6.1.5.5.7.3.1', '2.5.29.37.0'];

test('every subset of the usages, every type', () => {
  for (let mask = 0; mask < 1 << OIDS.length; mask++) {
    const usage = OIDS.filter((_, i) => mask & (1 << i));
    for (const type of ['Test', 'Vaccination', 'Recovery'] as const) expect(keyUsageAllows(usage, type), `${usage.join(',')} ${type}`).toBe(allowedDccTypes(usage).includes(type));
  }
});

test.each([
  [[], 'Test', true],
  [['1.3.6.1.5.5.7.3.1'], 'Recovery', true],
  [['1.3.6.1.4.1.1847.2021.1.2'], 'Vaccination', true],
  [['1.3.6.1.4.1.1847.2021.1.2'], 'Test', false],
  [['1.3.6.1.4.1.0.1847.2021.1.1', '1.3.6.1.4.1.1847.2021.1.3'], 'Vaccination', false],
] as const)('%j may sign %s: %s', (usage, type, allowed) => {
  expect(keyUsageAllows(usage, type)).toBe(allowed);
});
