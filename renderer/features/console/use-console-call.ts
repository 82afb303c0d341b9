// The console's `call`: an ended session sends the person back to the sign-in instead of showing a dead page.
import { useCallback } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/common/contract/index.ts';
import { CallError, useCall } from '../../api/bridge-context.tsx';
import { useSession } from '../../api/session-context.tsx';

export function useConsoleCall() {
  const call = useCall();
  const { expired } = useSession();
  return useCallback(
    async function consoleCall<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      try {
        return await call(method, input);
      } catch (error) {
        if (error instanceof CallError && error.code === 'unauthenticated') expired();
        throw error;
      }
    },
    [call, expired],
  );
}
