// The no-phone lane (issue 15): the person's card (or an ID number typed by the volunteer), whether the policy admits
// them (over 60, under 14, registered without a phone), and their status: the district's list where one is published
// (1), else the colour recorded by hand with why (the manual path).
import { useMemo, useState } from 'react';
import type { IdentityRead, ManualColour } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { IdentityCard } from './IdentityCard.tsx';
import { ManualStep } from './ManualStep.tsx';
import { useKeys } from './use-keys.ts';

interface Props {
  read: IdentityRead | null;
  onRead: (read: IdentityRead) => void;
  onChoose: (manual?: { colour: ManualColour; why: string }) => void;
  onBack: () => void;
}

export function NoPhoneStep({ read, onRead, onChoose, onBack }: Props) {
  const { t } = useI18n();
  const call = useCall();
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const byList = read?.noPhone.allowed === true && read.noPhone.districtList;
  useKeys(useMemo((): Record<string, () => void> => (byList ? { '1': () => onChoose(), Escape: onBack } : { Escape: onBack }), [byList, onChoose, onBack]));

  async function lookUp() {
    setError(null);
    try {
      onRead(await call('idcard.lookup', { idNumber }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className="step step-no-phone">
      <h2>📵 {t('noPhone')}</h2>
      {!read ? (
        <form onSubmit={(e) => (e.preventDefault(), idNumber.trim() && void lookUp())}>
          <p className="hint">{t('noPhoneTypeId')}</p>
          <input className="big-input" autoFocus aria-label={t('idNumber')} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={32} />
          {error && <p className="notice technical" role="alert">⚠ {error}</p>}
          <button type="submit" className="big primary" disabled={!idNumber.trim()}>
            {t('noPhoneLookUp')} <kbd>Enter</kbd>
          </button>
        </form>
      ) : (
        <>
          <IdentityCard read={read} />
          {!read.noPhone.allowed ? (
            <p className="notice technical" role="alert" data-no-phone="refused">
              ⚠ {t(read.noPhone.why === 'lane-closed' ? 'noPhoneLaneClosed' : 'noPhoneNotEligible')}
            </p>
          ) : (
            <>
              <p className="notice" role="status" data-no-phone={read.noPhone.basis}>
                ✓ {t('noPhoneAllowed', { basis: t(`basis_${read.noPhone.basis.replaceAll('-', '_')}` as 'basis_over_60') })}
              </p>
              {read.noPhone.districtList ? (
                <button type="button" className="big primary" onClick={() => onChoose()}>
                  {t('noPhoneByList')} <kbd>1</kbd>
                </button>
              ) : (
                <>
                  <p className="hint">{t('noPhoneManual')}</p>
                  <ManualStep askTestBand={false} defaultWhy={t('noPhoneWhyDefault')} onChoose={(colour, why) => onChoose({ colour, why })} />
                </>
              )}
            </>
          )}
        </>
      )}
      <button type="button" className="link" onClick={onBack}>
        {t('back')} <kbd>Esc</kbd>
      </button>
    </section>
  );
}
