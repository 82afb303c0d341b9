// How far a flush has got, from the outbox's size when it started and as it is now: for the hand-over screen and the
// command line alike. Pure. Entries recorded meanwhile grow the total rather than send the figure backwards.

export interface FlushProgress {
  sent: number;
  total: number;
  /** Whole percent, 0-100. */
  percent: number;
}

export function flushProgress(previous: FlushProgress | null, waitingNow: number): FlushProgress {
  const startTotal = previous?.total ?? waitingNow;
  const sentBefore = previous?.sent ?? 0;
  // Newer entries than the flush started with (the gate keeps recording) add to what there is to send.
  const total = Math.max(startTotal, sentBefore + waitingNow);
  const sent = Math.max(sentBefore, total - waitingNow);
  return { sent, total, percent: total === 0 ? 100 : Math.floor((sent * 100) / total) };
}
