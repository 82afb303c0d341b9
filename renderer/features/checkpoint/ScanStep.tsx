import { useMemo } from 'react';
import type { Vehicle } from './flow.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

interface Props {
  onManual: () => void;
  /** The no-phone lane (issue 15): an ID card or a typed ID number instead of a code. */
  onNoPhone?: () => void;
  /** The scanner's fallback: read the code with the camera. */
  onCamera: () => void;
  onPlate: () => void;
  onVehicleDone: () => void;
  vehicle: Vehicle | null;
  progress: number;
}

export function ScanStep({ onManual, onNoPhone, onCamera, onPlate, onVehicleDone, vehicle, progress }: Props) {
  const { t } = useI18n();
  useKeys(
    useMemo((): Record<string, () => void> => ({
      ...(vehicle ? { '0': onManual, '9': onCamera, '.': onVehicleDone } : { '0': onManual, '9': onCamera, '*': onPlate }),
      ...(onNoPhone ? { '4': onNoPhone } : {}),
    }), [onManual, onNoPhone, onCamera, onPlate, onVehicleDone, vehicle]),
  );
  return (
    <section className="step step-scan" aria-live="polite">
      <div className="step-icon" aria-hidden>{vehicle ? '🚗' : '▦'}</div>
      <h2>{t('stepScan')}</h2>
      {vehicle && <p className="vehicle-banner">{t('vehicleMode', { plate: vehicle.plate, household: vehicle.household })}</p>}
      <p className="hint">{progress > 0 ? `${t('scanning')} ${progress}` : t('stepScanHint')}</p>
      <div className="choices">
        <button type="button" className="big secondary" onClick={onCamera}>
          📷 {t('camera')} <kbd>9</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onManual}>
          {t('noScan')} <kbd>0</kbd>
        </button>
        {onNoPhone && (
          <button type="button" className="big secondary" onClick={onNoPhone}>
            📵 {t('noPhoneKey')} <kbd>4</kbd>
          </button>
        )}
        {vehicle ? (
          <button type="button" className="big secondary" onClick={onVehicleDone}>
            ✓ {t('vehicleDone')} <kbd>.</kbd>
          </button>
        ) : (
          <button type="button" className="big secondary" onClick={onPlate}>
            🚗 {t('vehicleKey')} <kbd>*</kbd>
          </button>
        )}
      </div>
    </section>
  );
}
