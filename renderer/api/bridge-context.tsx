// Gives every screen the bridge, and a `call` that returns the value or throws the error message to show.
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { ApiError, ErrorKey, ErrorParams, GateBridge, MethodInput, MethodName, MethodOutput } from '../../src/common/contract/index.ts';

const BridgeContext = createContext<GateBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: GateBridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

/** A refused call: the screen words it from `key` and `params` (useErrorText), never from the English `message`. */
export class CallError extends Error {
  readonly code: string;
  readonly key: ErrorKey | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: string, message: string, key?: ErrorKey, params?: ErrorParams) {
    super(message);
    this.code = code;
    this.key = key;
    this.params = params;
  }

  static from(error: ApiError): CallError {
    return new CallError(error.code, error.message, error.key, error.params);
  }
}

export function useBridge(): GateBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('BridgeProvider is missing');
  return bridge;
}

/** A stable `call` (same function while the bridge is the same), so effects that use it run once. */
export function useCall() {
  const bridge = useBridge();
  return useCallback(
    async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await bridge.invoke(method, input);
      if (!result.ok) throw CallError.from(result.error);
      return result.value;
    },
    [bridge],
  );
}
