// The gate as mounted in the kiosk: sign-on when a shift is needed, the hand-over, otherwise the checkpoint with the
// lane and live figures kept fresh.
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { CheckpointScreen } from '../checkpoint/CheckpointScreen.tsx';
import { HandOverScreen } from './HandOverScreen.tsx';
import { SignOnScreen } from './SignOnScreen.tsx';

type GateStatus = MethodOutput<'gate.status'>;
const REFRESH_MS = 5000;

export function GateScreen({ info }: { info: MethodOutput<'system.info'> }) {
  const call = useCall();
  const bridge = useBridge();
  const [status, setStatus] = useState<GateStatus | null>(null);
  const [handingOver, setHandingOver] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(() => {
    call('gate.status', {}).then(setStatus, () => undefined);
  }, [call]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    const stop = bridge.subscribe('entries.recorded', refresh);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [refresh, bridge]);

  const startHandOver = useCallback(() => setHandingOver(true), []);
  if (!status) return <main className="checkpoint" />;
  if (handingOver) {
    return (
      <HandOverScreen
        feverLineC={info.policy.feverLineC}
        timeZone={info.timeZone}
        onCancel={() => setHandingOver(false)}
        onDone={(message) => {
          setHandingOver(false);
          setNotice(message);
          refresh();
        }}
      />
    );
  }
  if (status.shiftRequired && !status.shift) return <SignOnScreen onSignedOn={refresh} />;
  return (
    <>
      {notice && (
        <p className="notice shift-notice" role="status">
          {notice}
        </p>
      )}
      <CheckpointScreen info={info} status={status} onHandOver={startHandOver} />
    </>
  );
}
