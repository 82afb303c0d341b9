// A spoken prompt where the platform can speak and the volunteer left the voice on; silent otherwise.
import { voiceOn } from './preferences.ts';

export function speak(text: string, language: 'zh' | 'en'): void {
  try {
    if (typeof speechSynthesis === 'undefined' || !voiceOn()) return;
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language === 'zh' ? 'zh-CN' : 'en-US';
    speechSynthesis.speak(utterance);
  } catch {
    // Speaking is a help, never a requirement.
  }
}
