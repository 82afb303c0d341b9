// config.json is checked at start against what each value is used for: a mistyped value stops the kiosk with the key
// and the fix, instead of a kiosk that says it is ready and then cannot record anyone.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GateError } from '../../../../src/common/contract/errors.ts';
import { loadConfig } from '../../../../src/kiosk/platform/config/kiosk-config.ts';
import { tempDir } from '../../../support/temp-dir.ts';

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.remove());

function load(config: unknown) {
  temp = tempDir('gate-config-');
  writeFileSync(path.join(temp.dir, 'config.json'), JSON.stringify(config));
  return loadConfig(temp.dir);
}

const thermometer = (extra: Record<string, unknown>) => ({ devices: { thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa55', ...extra } } });

describe('config.json', () => {
  it.each<[string, unknown, RegExp]>([
    ['a mistyped time zone, with the likely one', { timeZone: 'Asia/Shangai' }, /timeZone: "Asia\/Shangai" is not a time zone: use an IANA name such as Asia\/Shanghai \(did you mean Asia\/Shanghai\?\)/],
    ['a made-up time zone', { timeZone: 'Mars/Olympus' }, /timeZone: "Mars\/Olympus" is not a time zone/],
    ['a UTC offset instead of a zone', { timeZone: '+08:00' }, /timeZone: "\+08:00" is not a time zone/],
    ['a thermometer protocol that does not exist', thermometer({ protocol: 'aa56' }), /devices\.thermometer\.protocol: is not a thermometer protocol: use one of ascii, aa55, gy90614/],
    ['a baud rate that no port runs at', thermometer({ baudRate: 11520 }), /devices\.thermometer\.baudRate: is not a serial baud rate/],
    ['a registry address that is not http(s)', { registry: { url: 'ftp://registry.example' } }, /registry\.url: must be the registry's http:\/\/ or https:\/\/ address/],
    ['an online code pattern that is not a regular expression', { healthCodes: { formats: ['online'], authority: { url: 'https://a.example/v', siteCode: '310101', codePattern: '([a-z' } } }, /healthCodes\.authority\.codePattern: is not a regular expression/],
    ['a misspelt setting', { timezone: 'Asia/Shanghai' }, /Unrecognized key: "timezone"/],
    ['a misspelt device setting (its default would be used silently)', thermometer({ baud: 9600 }), /devices\.thermometer: Unrecognized key: "baud"/],
    ['a misspelt nested setting', { lan: { listne: true } }, /lan: Unrecognized key: "listne"/],
    ['a retention of zero days', { retentionDays: 0 }, /retentionDays: /],
  ])('refuses %s, naming the key and the fix', (_what, config, message) => {
    expect(() => load(config)).toThrow(GateError);
    expect(() => load(config)).toThrow(message);
    expect(() => load(config)).toThrow(/Fix the file or remove it to use the defaults/);
  });

  it.each<[string, unknown]>([
    ['nothing set', {}],
    ['another real zone', { timeZone: 'Asia/Urumqi' }],
    ['a standard baud rate', thermometer({ baudRate: 9600 })],
    ['an https registry', { registry: { url: 'https://registry.example', certificateSha256: 'AB:CD' } }],
  ])('accepts %s', (_what, config) => expect(() => load(config)).not.toThrow());
});
