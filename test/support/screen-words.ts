// What a person can read on a page, and which of it is not in the chosen language: the check behind "every word in
// the chosen language" (issue 13). Elements marked translate="no" hold data as recorded (names, plates) and are skipped.
import type { Page } from 'playwright-core';

/** Latin words a Chinese screen may show: names of formats, devices and codes that have no Chinese name in use. */
export const LATIN_ALLOWED = new Set(['PIN', 'CSV', 'Excel', 'PDF', 'QR', 'USB', 'HID', 'POS', 'LAN', 'HTTPS', 'DCC', 'GK1', 'A4', 'SHA-256', 'config.json', 'Enter', 'Esc', 'English', 'SAM']);

/** Every string a person can see or hear from the page: text, placeholders, option labels, titles, ARIA names. */
export async function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null) => !!el?.closest('[translate="no"], script, style, svg title');
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      return style.display !== 'none' && style.visibility !== 'hidden' && (el as HTMLElement).offsetParent !== null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skip(parent) || (!shown(parent) && parent.tagName !== 'OPTION')) continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], input[type=button], input[type=submit]')) {
      if (skip(el)) continue;
      for (const attr of ['placeholder', 'title', 'aria-label', 'value']) {
        if (attr === 'value' && !(el instanceof HTMLInputElement && (el.type === 'button' || el.type === 'submit'))) continue;
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

export function untranslated(strings: string[], language: 'zh' | 'en', data: string[]): string[] {
  return strings
    .map((s) => data.reduce((text, d) => text.split(d).join(' '), s))
    .filter((s) => {
      if (language === 'en') return /[\u3400-\u9fff]/.test(s);
      const words = s.match(/[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]/g) ?? [];
      return words.some((w) => w.replace(/[^A-Za-z]/g, '').length >= 3 && !LATIN_ALLOWED.has(w));
    });
}
