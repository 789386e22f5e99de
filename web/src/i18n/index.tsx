// App i18n: Chinese by default, English on request; the choice is kept in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCN, { type MessageKey, type Messages } from './zh-CN';
import en from './en';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'patron.lang';
const catalogs: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    /* ignore */
  }
  return 'zh-CN';
}

export type TFunc = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunc;
  /** Translate an enumeration value; falls back to the raw value. */
  te: (group: string, value: string | undefined | null) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function format(template: string, vars?: Record<string, string | number>) {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;

  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    setLangState(l);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const msgs = catalogs[lang];
    const t: TFunc = (key, vars) => format(msgs[key] ?? key, vars);
    const te = (group: string, v: string | undefined | null) => {
      const key = `enum.${group}.${v ?? ''}` as MessageKey;
      return key in msgs ? msgs[key] : (v ?? '');
    };
    return { lang, setLang, t, te };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export type { MessageKey };
