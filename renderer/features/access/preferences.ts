// What a volunteer chooses for this kiosk's screen, remembered on this machine: text size and spoken prompts.
export type TextSize = 'large' | 'larger';

const TEXT_SIZE = 'text-size';
const VOICE = 'voice';

/** Root font sizes: every size on screen is in rem, so one number scales the whole screen. */
export const ROOT_PX: Record<TextSize, number> = { large: 20, larger: 24 };

export function textSize(): TextSize {
  return localStorage.getItem(TEXT_SIZE) === 'larger' ? 'larger' : 'large';
}

export function applyTextSize(size: TextSize): void {
  localStorage.setItem(TEXT_SIZE, size);
  document.documentElement.dataset.textSize = size;
}

/** Spoken prompts are on unless a volunteer switched them off. */
export function voiceOn(): boolean {
  return localStorage.getItem(VOICE) !== 'off';
}

export function setVoice(on: boolean): void {
  localStorage.setItem(VOICE, on ? 'on' : 'off');
  if (!on && typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
