import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
// Symbols and icons (✔ ✖ ⚠ 🌡 🚗 …) come from bundled fonts too, never from whatever the kiosk PC has installed.
import '@fontsource/noto-sans-symbols-2/400.css';
import '@fontsource/noto-emoji/400.css';
import './styles.css';
import './features/access/access.css';
import { textSize } from './features/access/preferences.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { BridgeProvider } from './api/bridge-context.tsx';
import { pickBridge } from './api/pick-bridge.ts';
import { I18nProvider } from './i18n/i18n-context.tsx';

// The text size a volunteer chose last time, before the first paint.
document.documentElement.dataset.textSize = textSize();

const { bridge, transport } = pickBridge();
document.documentElement.dataset.transport = transport;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </BridgeProvider>
  </StrictMode>,
);
