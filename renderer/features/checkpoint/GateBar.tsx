// The gate at a glance: direction, lane (fast in a peak window), live figures and who is on duty.
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { Direction } from '../../../src/common/contract/index.ts';
import type { Vehicle } from './flow.ts';

type GateStatus = MethodOutput<'gate.status'>;

export function GateBar({ status, direction, vehicle, onToggleDirection, onHandOver }: { status: GateStatus | null; direction: Direction; vehicle: Vehicle | null; onToggleDirection: () => void; onHandOver: () => void }) {
  const { t } = useI18n();
  const f = status?.figures;
  return (
    <div className="gate-bar" data-lane={status?.lane ?? 'standard'} data-direction={direction}>
      <button type="button" className={`direction ${direction}`} onClick={onToggleDirection} title={t('toggleDirection')}>
        {direction === 'in' ? `⬇ ${t('directionIn')}` : `⬆ ${t('directionOut')}`} <kbd>/</kbd>
      </button>
      <span className={`lane ${status?.lane ?? 'standard'}`}>{status?.lane === 'fast' ? `⚡ ${t('laneFast')} ${status.peakWindow?.start}–${status.peakWindow?.end}` : t('laneStandard')}</span>
      {f && (
        <span className="figures" data-testid="live-figures">
          {t('figuresLast10', { n: f.lastTenMinutes })} · {f.medianSeconds === null ? t('figuresNone') : t('figuresMedian', { s: f.medianSeconds })} ·{' '}
          {f.saturated ? `⚠ ${t('figuresSaturated')}` : f.queueEstimate === null ? t('figuresNone') : t('figuresQueue', { n: f.queueEstimate })}
        </span>
      )}
      {vehicle && <span className="vehicle">🚗 {t('vehicleMode', { plate: vehicle.plate, household: vehicle.household })}</span>}
      {status?.shift && (
        <span className="on-duty">
          {t('onDuty', { name: status.shift.volunteer })}{' '}
          <button type="button" className="link" onClick={onHandOver}>
            {t('handOver')} <kbd>+</kbd>
          </button>
        </span>
      )}
    </div>
  );
}
