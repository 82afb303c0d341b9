// The declared fallback: the volunteer records the colour seen on the phone, with why the scan could not be used, and
// (when the policy asks for a test) the test age the phone shows, as a band (issue 16).
import { useMemo, useState } from 'react';
import type { HealthCodeResult, ManualColour, ManualTestBand } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';
import type { MessageKey } from '../../i18n/messages.ts';

const colours: Array<{ colour: ManualColour; key: string; icon: string }> = [
  { colour: 'green', key: '1', icon: '✓' },
  { colour: 'yellow', key: '2', icon: '!' },
  { colour: 'red', key: '3', icon: '✕' },
];
const bands: Array<{ band: ManualTestBand; key: string }> = [
  { band: '24h', key: '1' },
  { band: '48h', key: '2' },
  { band: '72h', key: '3' },
  { band: 'older', key: '4' },
  { band: 'none', key: '5' },
];

interface Props {
  problem?: HealthCodeResult;
  /** The policy sets a test age here: after a green, ask what the phone shows. */
  askTestBand: boolean;
  onChoose: (colour: ManualColour, why: string, testBand?: ManualTestBand) => void;
  /** The reason offered when the volunteer types none (the no-phone lane has its own). */
  defaultWhy?: string;
}

export function ManualStep({ problem, askTestBand, onChoose, defaultWhy: givenWhy }: Props) {
  const { t } = useI18n();
  const defaultWhy = givenWhy ?? (problem && 'reason' in problem && problem.reason ? `${t('couldNotVerify')}: ${t(`codeWhy_${problem.reason}` as MessageKey)}` : t('manualWhyDefault'));
  const [why, setWhy] = useState(defaultWhy);
  const [green, setGreen] = useState(false);
  const choose = (colour: ManualColour) => (colour === 'green' && askTestBand ? setGreen(true) : onChoose(colour, why || defaultWhy));
  const bindings = useMemo(
    () =>
      green
        ? { ...Object.fromEntries(bands.map((b) => [b.key, () => onChoose('green', why || defaultWhy, b.band)])), '0': () => setGreen(false) }
        : Object.fromEntries(colours.map((c) => [c.key, () => choose(c.colour)])),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onChoose, why, defaultWhy, green, askTestBand],
  );
  useKeys(bindings);
  if (green) {
    return (
      <section className="step step-manual step-test-band">
        <h2>{t('manualTestTitle')}</h2>
        <div className="choices vertical">
          {bands.map((b) => (
            <button key={b.band} type="button" className={`big secondary band-${b.band}`} onClick={() => onChoose('green', why || defaultWhy, b.band)}>
              {t(`band_${b.band}`)} <kbd>{b.key}</kbd>
            </button>
          ))}
        </div>
        <button type="button" className="secondary" onClick={() => setGreen(false)}>
          {t('back')} <kbd>0</kbd>
        </button>
      </section>
    );
  }
  return (
    <section className="step step-manual">
      {problem && (
        <div className="notice technical" role="alert">
          <strong>⚠ {t('couldNotVerify')}</strong>
          <span title={'detail' in problem ? problem.detail : undefined}>{'reason' in problem && problem.reason ? t(`codeWhy_${problem.reason}` as MessageKey) : ''}</span>
          <span>{t('couldNotVerifyHint')}</span>
        </div>
      )}
      <h2>{t('confirmColour')}</h2>
      <div className="choices">
        {colours.map((c) => (
          <button key={c.colour} type="button" className={`big colour ${c.colour}`} onClick={() => choose(c.colour)}>
            <span aria-hidden>{c.icon}</span> {t(c.colour)} <kbd>{c.key}</kbd>
          </button>
        ))}
      </div>
      <label className="why">
        {t('manualWhy')}
        <input value={why} onChange={(e) => setWhy(e.target.value)} maxLength={200} />
      </label>
    </section>
  );
}
