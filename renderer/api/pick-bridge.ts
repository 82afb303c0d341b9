// The renderer picks its transport once at start: Electron's preload bridge when present, else HTTP.
import type { GateBridge } from '../../src/common/contract/index.ts';
import { createHttpBridge } from './http-bridge.ts';

declare global {
  interface Window {
    /** Set by electron/preload through contextBridge; absent in a plain browser. */
    gateBridge?: GateBridge;
  }
}

export function pickBridge(): { bridge: GateBridge; transport: 'electron' | 'http' } {
  if (window.gateBridge) return { bridge: window.gateBridge, transport: 'electron' };
  return { bridge: createHttpBridge(), transport: 'http' };
}
