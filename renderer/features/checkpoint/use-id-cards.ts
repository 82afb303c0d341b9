// ID cards read by the core's reader (issue 15) arrive as events; the full number never reaches the page.
import { useEffect, useRef } from 'react';
import type { IdentityRead } from '../../../src/common/contract/index.ts';
import { useBridge } from '../../api/bridge-context.tsx';

export function useIdCards(onCard: (read: IdentityRead) => void): void {
  const bridge = useBridge();
  const latest = useRef(onCard);
  latest.current = onCard;
  useEffect(() => bridge.subscribe('idcard.read', (read) => latest.current(read)), [bridge]);
}
