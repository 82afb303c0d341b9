// Speaks a prompt once when it appears (where the platform can speak and the voice is on); renders nothing.
import { useEffect } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { speak } from './voice.ts';

export function Spoken({ text }: { text: string }) {
  const { language } = useI18n();
  useEffect(() => speak(text, language), [text, language]);
  return null;
}
