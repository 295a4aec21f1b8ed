// Accessibility basics checked in the page itself: every control has a name, text meets
// WCAG AA contrast against what is really behind it, nothing scrolls sideways, one h1.
// Returns the problems found, each naming the element, so a failing test says what to fix.
import type { Page } from "playwright-core";

// Runs in the page (plain JS: it is sent as text).
const audit = `(() => {
  const problems = [];
  const describe = (el) => {
    const id = el.id ? '#' + el.id : '';
    const text = (el.textContent || '').trim().slice(0, 30);
    return el.tagName.toLowerCase() + id + (text ? ' "' + text + '"' : '');
  };
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
    const labels = el.labels ? [...el.labels].map((l) => l.textContent).join(' ').trim() : '';
    if (labels) return labels;
    if (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return el.title || '';
    return (el.textContent || '').trim() || el.title || '';
  };
  const controls = 'a[href], button, input, select, textarea, [role="button"], [role="tab"], [tabindex]';
  for (const el of document.querySelectorAll(controls)) {
    if (el.matches('main, [role="tabpanel"], pre, .log-text, input[type="hidden"]')) continue;
    if (!nameOf(el)) problems.push('no accessible name: ' + describe(el));
  }
  // Colours: rgb(a) only (what getComputedStyle returns here).
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!el || seen.has(el) || !text.textContent.trim()) continue;
    seen.add(el);
    // SVG text is drawn with fill over shapes; disabled controls are exempt (WCAG 1.4.3).
    if (el.closest('svg, :disabled, .visually-hidden, .skip-link, option, datalist') || !visible(el)) continue;
    const style = getComputedStyle(el);
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const wanted = large ? 3 : 4.5;
    const got = ratio(fg, bg);
    if (got < wanted) problems.push('contrast ' + got.toFixed(2) + ' < ' + wanted + ': ' + describe(el));
  }
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(h1 + ' h1 elements, not 1');
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) {
    // Name the innermost elements that stick out, so the message says what to fix.
    const out = (el) => el.getBoundingClientRect().right > window.innerWidth + 1;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => out(el) && ![...el.children].some(out))
      .slice(0, 3)
      .map(describe);
    problems.push('scrolls sideways: ' + width + ' > ' + window.innerWidth + ' at ' + culprits.join(', '));
  }
  return problems;
})()`;

/** The accessibility problems of what `page` shows now; empty when none. */
export function auditPage(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(audit);
}
