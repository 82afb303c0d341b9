// Sound and voice: a rising two-tone for pass, a low buzz for refuse, generated in the page (no sound files), and a
// spoken prompt where the platform can speak. Both fail silently where the platform cannot.
type Cue = 'pass' | 'refuse' | 'attention';

const TONES: Record<Cue, Array<{ hz: number; ms: number; type: OscillatorType }>> = {
  pass: [{ hz: 880, ms: 120, type: 'sine' }, { hz: 1320, ms: 180, type: 'sine' }],
  refuse: [{ hz: 220, ms: 450, type: 'square' }],
  attention: [{ hz: 660, ms: 150, type: 'triangle' }],
};

let context: AudioContext | null = null;

export function playCue(cue: Cue): void {
  try {
    context ??= new AudioContext();
    let at = context.currentTime;
    for (const tone of TONES[cue]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.type;
      oscillator.frequency.value = tone.hz;
      gain.gain.setValueAtTime(0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + tone.ms / 1000);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + tone.ms / 1000);
      at += tone.ms / 1000;
    }
  } catch {
    // No audio device: the colour, icon and words still say it.
  }
}

export { speak } from '../access/voice.ts';
