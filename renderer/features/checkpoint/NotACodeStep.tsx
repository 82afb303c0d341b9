// A scan that is no health code (a web link, stray text), a known code read badly, or a scanner that types without
// Shift: nobody is refused for it and nothing is recorded (issue 13.3). Scan again, or record the colour by hand.
import { useMemo } from 'react';
import type { ScanProblem } from '../../../src/common/gate-rules/scan-problems.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useKeys } from './use-keys.ts';

const words: Record<ScanProblem, { title: MessageKey; hint: MessageKey }> = {
  'not-a-code': { title: 'notACodeTitle', hint: 'notACodeHint' },
  unreadable: { title: 'unreadableTitle', hint: 'unreadableHint' },
  'scanner-no-shift': { title: 'scannerNoShiftTitle', hint: 'scannerNoShiftHint' },
};

export function NotACodeStep({ problem, onScanAgain, onManual }: { problem: ScanProblem; onScanAgain: () => void; onManual: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ Enter: onScanAgain, '0': onManual }), [onScanAgain, onManual]));
  return (
    <section className="step step-not-a-code" data-problem={problem} role="alert">
      <div className="step-icon" aria-hidden>
        {problem === 'scanner-no-shift' ? '⚙' : '?'}
      </div>
      <h2>{t(words[problem].title)}</h2>
      <p className="hint">{t(words[problem].hint)}</p>
      <p className="hint">{t('nothingRecorded')}</p>
      <div className="choices">
        <button type="button" className="big primary" onClick={onScanAgain}>
          ▦ {t('scanAgain')} <kbd>Enter</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onManual}>
          {t('manualPath')} <kbd>0</kbd>
        </button>
      </div>
    </section>
  );
}
