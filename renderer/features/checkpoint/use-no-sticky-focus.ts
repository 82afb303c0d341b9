// A tapped button must not keep the keyboard focus (issue 13.7): Enter, or a scanner's Enter suffix, on the idle screen
// after the language button was tapped would press it again and flip the language. Clicks still work; a field tapped
// still takes the focus; Tab still reaches every button for someone using the keyboard alone.
import { useEffect } from 'react';

export function useNoStickyFocus(): void {
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if ((event.target as HTMLElement | null)?.closest('button')) event.preventDefault();
    };
    document.addEventListener('mousedown', onDown, true);
    return () => document.removeEventListener('mousedown', onDown, true);
  }, []);
}
