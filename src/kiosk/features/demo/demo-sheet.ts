// The demo sheet's codes, fresh at each call: offline codes from the sample health authority (green, yellow, red, an
// old screenshot, a relative's), printed cards from the compound's card key (a resident, a fast-lane commuter), and a
// public EU DCC test vector. Each says what the gate answers for it; test/e2e/demo-sheet checks every one with a
// real QR decoder against the running kiosk.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';
import type { DemoCode, DemoSheet } from '../../../common/contract/methods/demo.ts';
import type { Actor } from '../../platform/audit/audit-log.ts';
import { loadCardKey } from '../../platform/health-codes/compound-files.ts';
import { signGateCode, type Colour } from '../../platform/health-codes/gate-code.ts';
import { maskName } from '../../platform/health-codes/identity.ts';
import { readSecret } from '../../platform/store/secrets.ts';
import type { SampleDeps } from './load-sample.ts';
import { readSampleMarker } from './sample-marker.ts';

/** A public EU DCC test vector bundled with the kiosk (dgc-testdata, Apache-2.0). */
export const DCC_VECTOR_FILE = path.resolve(import.meta.dirname, '../../../../resources/demo/dcc-test-vector.json');
const CARD_LIFETIME_S = 365 * 86_400;
const HOUR = 3_600_000;

export type SheetDeps = Pick<SampleDeps, 'db' | 'dataDir' | 'config' | 'now' | 'trustListPath' | 'roster' | 'audit'>;

export function demoSheet(deps: SheetDeps, actor: Actor): DemoSheet {
  const marker = readSampleMarker(deps.dataDir);
  if (!marker) throw new GateError('conflict', 'The demo sheet needs the sample data: load it at first start ("try it with sample data") or run a training kiosk (gate-kiosk serve --training).', { key: 'sample-needed' });
  const at = deps.now();
  const codePem = readSecret(deps.db, 'sample-code-key');
  const cardPem = loadCardKey(deps.db, deps.dataDir, deps.trustListPath(), at);
  if (!codePem || !cardPem) throw new GateError('storage', 'The sample signing keys are missing: remove the sample data and load it again.', { key: 'sample-keys-missing' });
  const authority = createPrivateKey(codePem);
  const cardKey = createPrivateKey(cardPem);
  const lifetime = deps.config.healthCodes.maxAgeSeconds;
  const issuer = deps.config.compoundCode || deps.config.compoundName;
  const recentTest = { nucleicAcid: { sampledAt: new Date(at.getTime() - 10 * HOUR), result: 'negative' as const }, vaccination: { doses: 3 } };
  const code = (colour: Colour, name: string, issuedAt = at) =>
    signGateCode({ privateKey: authority, issuer: 'sample health authority', colour, maskedName: maskName(name), issuedAt, lifetimeSeconds: lifetime, health: recentTest });
  const roster = deps.roster();
  const card = (key: string, kind: 'resident' | 'commuter'): DemoCode => {
    const resident = roster.resident(marker.residentIds[key]!);
    const text = signGateCode({ privateKey: cardKey, issuer, colour: 'green', maskedName: maskName(resident.name), cardId: resident.cardId!, issuedAt: at, lifetimeSeconds: CARD_LIFETIME_S });
    return { kind: kind === 'commuter' ? 'commuter' : 'resident-card', expect: 'green', person: { name: maskName(resident.name), household: resident.household, kind }, text };
  };
  const dcc = JSON.parse(readFileSync(DCC_VECTOR_FILE, 'utf8')) as { PREFIX: string };
  const codes: DemoCode[] = [
    { kind: 'green', expect: 'green', text: code('green', '张伟') },
    { kind: 'yellow', expect: 'yellow', text: code('yellow', '刘芳') },
    { kind: 'red', expect: 'red', text: code('red', '陈静') },
    // A screenshot of a green code taken an hour ago: signed, but older than a code may live.
    { kind: 'expired-screenshot', expect: 'invalid', text: code('green', '张伟', new Date(at.getTime() - HOUR)) },
    // 李秀兰 has no smartphone: her son shows her code on his phone (the volunteer presses - to say so).
    { kind: 'relative', expect: 'green', text: code('green', '李秀兰') },
    card('wang-jianguo', 'resident'),
    card('wang-xiaoming', 'commuter'),
  ];
  // EU DCCs are off unless config.json turns them on (healthCodes.formats "dcc" and the DCC source): refused as such.
  // With them on, the answer depends on the DCC material held, so the sheet cannot promise one and leaves it out.
  if (!deps.config.healthCodes.formats.includes('dcc')) codes.push({ kind: 'dcc', expect: 'invalid', text: dcc.PREFIX });
  deps.audit({ actor, action: 'sample-data.demo-sheet', subject: `${codes.length} codes`, detail: { kinds: codes.map((c) => c.kind) } });
  return { compoundName: deps.config.compoundName, issuedAt: at.toISOString(), validUntil: new Date(at.getTime() + lifetime * 1000).toISOString(), codes };
}
