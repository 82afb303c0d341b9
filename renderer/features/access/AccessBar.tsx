// Text size (large / larger) and the voice switch, in the top bar where a volunteer sees them; both remembered.
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyTextSize, setVoice, textSize, voiceOn, type TextSize } from './preferences.ts';

export function AccessBar() {
  const { t } = useI18n();
  const [size, setSize] = useState<TextSize>(textSize);
  const [voice, setVoiceState] = useState(voiceOn);
  const choose = (next: TextSize) => (applyTextSize(next), setSize(next));
  return (
    <span className="access-bar" role="group" aria-label={t('accessSettings')}>
      <span className="text-size" role="radiogroup" aria-label={t('textSize')}>
        <span aria-hidden>{t('textSize')}</span>
        {(['large', 'larger'] as const).map((s) => (
          <button key={s} type="button" role="radio" aria-checked={size === s} className={size === s ? 'chosen' : ''} onClick={() => choose(s)}>
            {t(s === 'large' ? 'textSizeLarge' : 'textSizeLarger')}
          </button>
        ))}
      </span>
      <button type="button" role="switch" aria-checked={voice} className="voice-switch" onClick={() => (setVoice(!voice), setVoiceState(!voice))}>
        {voice ? t('voiceOn') : t('voiceOff')}
      </button>
    </span>
  );
}
