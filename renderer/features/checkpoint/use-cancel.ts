// The way back from every step (issue 13.1): Esc always (also inside a field), Backspace or Delete when no field has
// the focus (there they edit the text). A scanner never sends these keys, so they act at once; a held key acts once.
import { useEffect, useRef } from 'react';

export function isField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable);
}

export function useCancelKeys(onCancel: () => void, enabled: boolean): void {
  const latest = useRef(onCancel);
  latest.current = onCancel;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || event.defaultPrevented) return;
      const cancels = event.key === 'Escape' || ((event.key === 'Backspace' || event.key === 'Delete') && !isField(event.target));
      if (!cancels) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
