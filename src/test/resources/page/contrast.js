// WCAG 2.1 AA contrast of what the report page shows, computed in the page: every rendered text
// against the backgrounds behind it (composited up to the page), form controls, and the colours the
// charts draw on canvas (axis text against the panel: 4.5:1; lines and marks: 3:1, WCAG 1.4.11).
// Answers the failures: [{what, ratio, needed, color, background}].
(() => {
  function parse(text) {
    const m = /rgba?\(([^)]+)\)/.exec(text || '');
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a;
    return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
  }
  function luminance(c) {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function ratio(a, b) {
    const x = luminance(a);
    const y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function background(node) {
    const chain = [];
    for (let e = node; e; e = e.parentElement) chain.unshift(e);
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const e of chain) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) bg = over(c, bg);
    }
    return bg;
  }
  function colour(text) {
    // A CSS colour of any syntax, as the browser computes it.
    const probe = document.createElement('span');
    probe.style.color = text;
    document.body.append(probe);
    const c = parse(getComputedStyle(probe).color);
    probe.remove();
    return c;
  }
  const failures = [];
  function check(what, fg, bg, needed) {
    const r = ratio(fg, bg);
    if (r < needed) {
      failures.push({ what, ratio: Math.round(r * 100) / 100, needed, color: JSON.stringify(fg), background: JSON.stringify(bg) });
    }
  }

  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    const e = text.parentElement;
    if (!text.textContent.trim() || !e || seen.has(e)) continue;
    seen.add(e);
    if (e.closest('option, noscript, button:disabled, .skip-link')) continue;
    const style = getComputedStyle(e);
    const rect = e.getBoundingClientRect();
    if (style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) continue;
    const bg = background(e);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
    check('text "' + text.textContent.trim().slice(0, 50) + '" in ' + e.tagName.toLowerCase() + '.' + e.className,
      over(parse(style.color), bg), bg, large ? 3 : 4.5);
  }
  for (const control of document.querySelectorAll('select, input')) {
    const style = getComputedStyle(control);
    const bg = background(control);
    check('control #' + control.id, over(parse(style.color), bg), bg, 4.5);
    check('control border #' + control.id, over(parse(style.borderTopColor), bg), bg, 3);
  }
  const root = getComputedStyle(document.documentElement);
  const panel = colour(root.getPropertyValue('--panel'));
  check('chart axis text (--muted)', colour(root.getPropertyValue('--muted')), panel, 4.5);
  for (const name of ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6', '--warn', '--link', '--crit', '--text']) {
    check('chart line ' + name, colour(root.getPropertyValue(name)), panel, 3);
  }
  return failures;
})()
