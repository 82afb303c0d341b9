// How far a long piece of console work is (an export, a roster import, a purge): the core tells the screen that
// started it through `console.progress` events carrying the id the screen chose.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleProgress } from '../../../src/common/contract/index.ts';
import { useBridge } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

let counter = 0;

/** A fresh progress id per piece of work, and the latest report for it (null when none is running). */
export function useWorkProgress() {
  const bridge = useBridge();
  const [progress, setProgress] = useState<ConsoleProgress | null>(null);
  const current = useRef<string | null>(null);
  useEffect(() => bridge.subscribe('console.progress', (p) => p.id === current.current && setProgress(p)), [bridge]);
  const start = useCallback(() => {
    const id = `work-${Date.now().toString(36)}-${++counter}`;
    current.current = id;
    setProgress(null);
    return id;
  }, []);
  const end = useCallback(() => {
    current.current = null;
    setProgress(null);
  }, []);
  return { progress, start, end };
}

export function WorkProgress({ task, progress }: { task: ConsoleProgress['task']; progress: ConsoleProgress | null }) {
  const { t } = useI18n();
  const total = progress?.total ?? null;
  const done = progress?.done ?? 0;
  const text = !progress || total === null ? t('progressStarting') : done >= total && !progress.finished ? t('progressSaving') : t(`progress_${task}`, { done: done.toLocaleString(), total: total.toLocaleString() });
  return (
    <div className="work-progress" role="status" aria-live="polite">
      <progress max={total ?? undefined} value={total === null ? undefined : done} aria-label={text} />
      <span>{text}</span>
    </div>
  );
}
