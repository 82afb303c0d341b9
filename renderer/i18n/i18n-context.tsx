// The language switch: Chinese by default, English one tap away, remembered on this machine.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages.ts';
import { errorText } from './error-text.ts';

export type Language = 'zh' | 'en';
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const I18nContext = createContext<{ language: Language; t: Translate; toggle: () => void } | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('language') === 'en' ? 'en' : 'zh'));
  const t = useCallback<Translate>(
    (key, vars) => {
      const text: string = (language === 'en' ? en : zh)[key];
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
    },
    [language],
  );
  const toggle = useCallback(() => {
    setLanguage((current) => {
      const next = current === 'zh' ? 'en' : 'zh';
      localStorage.setItem('language', next);
      document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      return next;
    });
  }, []);
  const value = useMemo(() => ({ language, t, toggle }), [language, t, toggle]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error('I18nProvider is missing');
  return value;
}

/** Words a thrown call error in the chosen language (its key and values, never the core's English). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback((error: unknown) => errorText(t, error), [t]);
}
