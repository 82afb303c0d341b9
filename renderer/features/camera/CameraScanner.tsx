// The scanner's fallback: the kiosk camera reads the code from the phone (@zxing/browser), for when the scanner is broken.
import type { IScannerControls } from '@zxing/browser';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const CAMERA_WHY = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError']);

export function CameraScanner({ onScan, onClose }: { onScan: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let controls: IScannerControls | undefined;
    let stopped = false;
    // The decoder loads when the camera is opened: the checkpoint's first paint does not wait for its code.
    import('@zxing/browser')
      .then(({ BrowserQRCodeReader }) => {
        if (stopped) return undefined;
        const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 });
        return reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video.current!, (result) => {
          if (result && !stopped) {
            stopped = true;
            controls?.stop();
            onScan(result.getText());
          }
        });
      })
      .then((c) => {
        if (!c) return;
        controls = c;
        if (stopped) c.stop();
      })
      // The browser's reason by its name (its message is English): not allowed, none found, in use by another program.
      .catch((error: Error) => setFailure(CAMERA_WHY.has(error.name) ? error.name : 'other'));
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, [onScan]);

  return (
    <section className="step camera">
      <h2>{t('cameraHint')}</h2>
      {failure ? (
        <p className="notice technical" role="alert">
          ⚠ {t('cameraFailed')}: {t(`cameraWhy_${failure}` as MessageKey)}
        </p>
      ) : (
        <video ref={video} className="camera-preview" muted playsInline aria-label={t('camera')} />
      )}
      <button type="button" className="big secondary" onClick={onClose}>
        {t('cameraStop')}
      </button>
    </section>
  );
}
