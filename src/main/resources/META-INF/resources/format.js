// StreamFit report page: how numbers, sizes and durations read, for the page and its charts alike.
// Unknown (null, undefined) reads as '—', never as 0.
'use strict';

window.StreamFitFormat = (() => {
  function isNum(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  /** 1,234 · 12.5 · 0.42; '—' when unknown, a non-number as it is. */
  function number(v) {
    if (v === null || v === undefined) return '—';
    if (!isNum(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    const abs = Math.abs(v);
    if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
    if (abs >= 10) return v.toFixed(1);
    if (abs >= 0.01) return v.toFixed(2);
    return v.toPrecision(2);
  }

  /** 950 · 1.2k · 34k · 1.5M: short, for an axis. */
  function compact(v) {
    if (!isNum(v)) return '';
    const abs = Math.abs(v);
    if (abs >= 1e9) return +(v / 1e9).toFixed(1) + 'G';
    if (abs >= 1e6) return +(v / 1e6).toFixed(1) + 'M';
    if (abs >= 1e4) return +(v / 1e3).toFixed(0) + 'k';
    if (abs >= 1e3) return +(v / 1e3).toFixed(1) + 'k';
    return +v.toFixed(abs < 10 ? 2 : 1) + '';
  }

  /** 512 B · 61.7 KiB · 1.2 GiB. */
  function bytes(v) {
    if (!isNum(v)) return '—';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let n = v;
    let i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return (i === 0 ? Math.round(n) : +n.toFixed(Math.abs(n) >= 100 ? 0 : 1)) + ' ' + units[i];
  }

  /** 2.5 s · 12 s · 3.5 min · 1.2 h · 2 d: a span with a decimal where it helps. */
  function duration(seconds) {
    if (!isNum(seconds)) return '—';
    const s = Math.abs(seconds);
    const sign = seconds < 0 ? '-' : '';
    if (s < 90) return sign + +s.toFixed(s < 10 ? 1 : 0) + ' s';
    if (s < 90 * 60) return sign + +(s / 60).toFixed(1) + ' min';
    if (s < 48 * 3600) return sign + +(s / 3600).toFixed(1) + ' h';
    return sign + +(s / 86400).toFixed(1) + ' d';
  }

  /** 12 s · 5 min · 1.5 h · 3 d: an age, rounded; '' when unknown. */
  function age(seconds) {
    if (!isNum(seconds)) return '';
    const s = Math.max(0, Math.round(seconds));
    if (s < 90) return s + ' s';
    if (s < 90 * 60) return Math.round(s / 60) + ' min';
    if (s < 48 * 3600) return (s / 3600).toFixed(1).replace(/\.0$/, '') + ' h';
    return (s / 86400).toFixed(1).replace(/\.0$/, '') + ' d';
  }

  return { isNum, number, compact, bytes, duration, age };
})();
