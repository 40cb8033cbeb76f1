// StreamFit report page: small time-series charts (uPlot) of a workload's or a server's history, each
// with a text alternative (latest value, trend, marks) in its caption. Colours come from the page's
// CSS variables, so the charts follow light and dark mode and redraw when it changes.
'use strict';

window.StreamFitCharts = (() => {
  const HEIGHT = 150;
  /** Every chart drawn and still on the page, to redraw on a theme change or a resize. */
  const live = new Set();

  // ---------------------------------------------------------------- units

  const { isNum, compact, bytes, duration } = window.StreamFitFormat;
  const plain = window.StreamFitFormat.number;

  /** How a chart's values read: on the axis (tick, label) and in words (text). */
  const UNITS = {
    entries: { label: 'entries', tick: compact, text: (v) => plain(v) + ' entries' },
    records: { label: 'records', tick: compact, text: (v) => plain(v) + ' records' },
    bytes: { label: 'bytes', tick: bytes, text: bytes },
    seconds: { label: 'waiting', tick: duration, text: duration },
    entriesPerSecond: { label: 'entries/s', tick: (v) => compact(v) + '/s', text: (v) => plain(v) + ' entries/s' },
    recordsPerSecond: { label: 'records/s', tick: (v) => compact(v) + '/s', text: (v) => plain(v) + ' records/s' },
  };

  function clock(ms) {
    return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
  }

  // ---------------------------------------------------------------- theme

  function theme() {
    const style = getComputedStyle(document.documentElement);
    const v = (name) => style.getPropertyValue(name).trim();
    return {
      axis: v('--muted'),
      grid: v('--line'),
      series: [1, 2, 3, 4, 5, 6].map((i) => v('--series-' + i)),
      marks: { rewind: v('--warn'), verdict: v('--link'), status: v('--crit') },
      limit: v('--crit'),
      projection: v('--text'),
      font: '11px ' + (style.fontFamily || 'sans-serif'),
    };
  }

  // ---------------------------------------------------------------- words: the text alternative

  /** "lag 20 entries (latest), rising from 5 over 2 min". */
  function seriesText(series, unit) {
    const known = [];
    series.values.forEach((v, i) => {
      if (isNum(v)) known.push(i);
    });
    if (known.length === 0) return series.label + ': unknown';
    const first = known[0];
    const last = known[known.length - 1];
    const now = series.values[last];
    let text = series.label + ' ' + unit.text(now) + ' (latest)';
    if (known.length > 1) {
      const then = series.values[first];
      const span = duration((series.time[last] - series.time[first]) / 1000);
      const tolerance = Math.max(Math.abs(then), Math.abs(now)) * 0.02;
      text += Math.abs(now - then) <= tolerance ? ', steady over ' + span
        : (now > then ? ', rising from ' : ', falling from ') + unit.text(then) + ' over ' + span;
    }
    return text;
  }

  function describe(spec) {
    const unit = UNITS[spec.unit];
    const parts = spec.series.length ? spec.series.map((s) => seriesText(s, unit)) : ['no samples yet'];
    if (spec.limit) parts.push(spec.limit.label + ' ' + unit.text(spec.limit.value));
    if (spec.note) parts.push(spec.note);
    const marks = spec.marks.map((m) => m.text + ' at ' + clock(m.at));
    return parts.join('; ') + '.' + (marks.length ? ' Marked: ' + marks.join('; ') + '.' : '');
  }

  // ---------------------------------------------------------------- drawing

  /**
   * The chart's data for uPlot: one x array (seconds) joining every series' times, a y array per
   * series. A sample a series does not have at a joined time is undefined (the line runs on), an
   * unknown value null (the line breaks: unknown is no value, never 0).
   */
  function align(spec) {
    const xs = new Set();
    spec.series.forEach((s) => s.time.forEach((t) => xs.add(t)));
    if (spec.projection) xs.add(spec.projection.to[0]);
    const x = [...xs].sort((a, b) => a - b);
    const at = new Map(x.map((t, i) => [t, i]));
    const data = [x.map((t) => t / 1000)];
    for (const s of spec.series) {
      const y = new Array(x.length).fill(undefined);
      s.time.forEach((t, i) => {
        y[at.get(t)] = isNum(s.values[i]) ? s.values[i] : null;
      });
      data.push(y);
    }
    if (spec.limit) data.push(x.map(() => spec.limit.value));
    if (spec.projection) {
      const y = new Array(x.length).fill(undefined);
      y[at.get(spec.projection.from[0])] = spec.projection.from[1];
      y[at.get(spec.projection.to[0])] = spec.projection.to[1];
      data.push(y);
    }
    return { data, points: spec.series.length ? x.length - (spec.projection ? 1 : 0) : 0 };
  }

  /** Vertical marks for rewinds, status and verdict changes, drawn over the plot with a short label. */
  function marksPlugin(spec, colours, font) {
    return {
      hooks: {
        draw: [(u) => {
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          ctx.save();
          ctx.font = font.replace('11px', Math.round(10 * devicePixelRatio) + 'px');
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          spec.marks.forEach((m, i) => {
            const x = u.valToPos(m.at / 1000, 'x', true);
            if (!(x >= left && x <= left + width)) return;
            ctx.strokeStyle = colours[m.kind];
            ctx.fillStyle = colours[m.kind];
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            // Labels of marks close together take turns at two heights.
            const y = top + (i % 2 === 0 ? 10 : 22) * devicePixelRatio;
            ctx.fillText(m.label, Math.min(x + 3 * devicePixelRatio, left + width - ctx.measureText(m.label).width), y);
          });
          ctx.restore();
        }],
      },
    };
  }

  function options(spec, width) {
    const t = theme();
    const unit = UNITS[spec.unit];
    const axis = { stroke: t.axis, font: t.font, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
    const series = [{ label: 'time', value: (u, v) => (v === null || v === undefined ? '—' : clock(v * 1000)) }];
    spec.series.forEach((s, i) => series.push({
      label: s.label,
      stroke: t.series[i % t.series.length],
      width: 2,
      value: (u, v) => (v === null || v === undefined ? '—' : unit.text(v)),
    }));
    if (spec.limit) {
      series.push({ label: spec.limit.label, stroke: t.limit, width: 1.5, dash: [6, 4], value: () => unit.text(spec.limit.value) });
    }
    if (spec.projection) {
      series.push({ label: 'projected', stroke: t.projection, width: 1.5, dash: [2, 4], spanGaps: true,
        value: (u, v) => (v === null || v === undefined ? '—' : unit.text(v)) });
    }
    return {
      width,
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      // Which line is which; the values are in the caption (and under the cursor, on the points).
      legend: { show: true, live: false },
      scales: {
        x: { time: true },
        y: {
          range: (u, min, max) => {
            if (!isNum(min) || !isNum(max)) return [0, 1];
            const low = Math.min(0, min);
            const high = max > low ? max + (max - low) * 0.08 : low + 1;
            return [low, high];
          },
        },
      },
      axes: [
        { ...axis, size: 28 },
        { ...axis, size: 62, values: (u, splits) => splits.map((v) => unit.tick(v)), label: unit.label, labelSize: 14, labelFont: t.font },
      ],
      series,
      plugins: [marksPlugin(spec, t.marks, t.font)],
    };
  }

  function plot(entry) {
    if (entry.uplot) entry.uplot.destroy();
    entry.host.replaceChildren();
    const width = Math.max(220, Math.floor(entry.figure.clientWidth || 300));
    entry.uplot = new uPlot(options(entry.spec, width), entry.aligned.data, entry.host);
    entry.figure.uplot = entry.uplot;
  }

  /**
   * A figure for the chart of {@code spec}, to be drawn by {@link draw} once in the page: {title, unit, series: [{label, time (ms), values}],
   * marks: [{at (ms), kind, label, text}], limit?: {label, value}, projection?: {from: [ms, v], to: [ms, v]},
   * note?}. Its caption is the chart's text alternative; the canvas is hidden from assistive technology.
   */
  function chart(spec) {
    const aligned = align(spec);
    const host = document.createElement('div');
    host.className = 'plot';
    host.setAttribute('aria-hidden', 'true');
    const title = document.createElement('span');
    title.className = 'chart-title';
    title.textContent = spec.title + ' (' + UNITS[spec.unit].label + ')';
    const alt = document.createElement('span');
    alt.className = 'chart-alt';
    alt.textContent = describe(spec);
    const caption = document.createElement('figcaption');
    caption.append(title, ' ', alt);
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.dataset.chart = spec.key;
    figure.dataset.points = String(aligned.points);
    figure.append(caption, host);
    figure.chartEntry = { spec, aligned, host, figure, uplot: null };
    return figure;
  }

  /**
   * Draws the charts of figures that {@link chart} made, once they are in the page (a chart takes its
   * width from its place); returns how many were drawn.
   */
  function draw(figures) {
    forgetRemoved();
    let drawn = 0;
    for (const figure of figures) {
      const entry = figure.chartEntry;
      if (!entry || !figure.isConnected) continue;
      if (typeof uPlot !== 'function') {
        entry.host.textContent = 'Chart library not loaded: the caption above says what it would show.';
        entry.host.removeAttribute('aria-hidden');
        continue;
      }
      live.add(entry);
      plot(entry);
      drawn++;
    }
    return drawn;
  }

  /** Lets go of the charts no longer on the page (a refresh replaced them, the card left the list). */
  function forgetRemoved() {
    for (const entry of [...live]) {
      if (!entry.figure.isConnected) {
        if (entry.uplot) entry.uplot.destroy();
        live.delete(entry);
      }
    }
  }

  /** Draws again (new size, new colours) every chart still on the page. */
  function redrawAll() {
    forgetRemoved();
    for (const entry of live) {
      if (entry.uplot) plot(entry);
    }
  }

  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redrawAll, 150);
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redrawAll);

  // ---------------------------------------------------------------- what a history shows

  function verdictMarks(history) {
    return (history.verdictChanges || []).map((c) => ({
      at: Date.parse(c.at), kind: 'verdict', label: String(c.to), text: 'verdict ' + c.from + ' → ' + c.to,
    }));
  }

  function groupSeries(groups, column) {
    return groups.map((g) => ({ label: g.group, time: g.time, values: g[column] }));
  }

  function hasValues(values) {
    return Array.isArray(values) && values.some(isNum);
  }

  /** The chart specs of a workload's history (GET /api/v1/workloads/.../history). */
  function workloadSpecs(h) {
    const verdicts = verdictMarks(h);
    const groups = Array.isArray(h.groups) ? h.groups : [];
    const specs = [];
    if (h.system === 'redis') {
      const s = h.stream;
      const rewinds = groups.flatMap((g) => g.rewinds.map((r) => ({
        at: Date.parse(r.at), kind: 'rewind', label: 'rewind', text: 'group ' + g.group + ' rewound from ' + r.from + ' to ' + r.to,
      })));
      specs.push({ key: 'length', title: 'Length', unit: 'entries', series: [{ label: 'length', time: s.time, values: s.length }], marks: verdicts });
      if (hasValues(s.entriesAddedPerSecond)) {
        specs.push({ key: 'writes', title: 'Writes', unit: 'entriesPerSecond',
          series: [{ label: 'added', time: s.time, values: s.entriesAddedPerSecond }], marks: verdicts });
      }
      specs.push({ key: 'memory', title: 'Memory', unit: 'bytes', series: [{ label: 'memory', time: s.time, values: s.memoryBytes }], marks: verdicts });
      if (groups.length) {
        specs.push({ key: 'lag', title: 'Lag', unit: 'entries', series: groupSeries(groups, 'lag'), marks: verdicts.concat(rewinds) });
        specs.push({ key: 'lag-seconds', title: 'Time lag', unit: 'seconds', series: groupSeries(groups, 'lagSeconds'), marks: verdicts.concat(rewinds) });
        specs.push({ key: 'pending', title: 'Pending', unit: 'entries', series: groupSeries(groups, 'pending'), marks: verdicts.concat(rewinds) });
      }
    } else {
      const t = h.topic;
      const groupMarks = groups.flatMap((g) => g.rewinds.map((r) => ({
        at: Date.parse(r.at), kind: 'rewind', label: 'rewind', text: 'group ' + g.group + ' rewound partition ' + r.partition + ' from ' + r.from + ' to ' + r.to,
      })).concat((g.statusChanges || []).map((c) => ({
        at: Date.parse(c.at), kind: 'status', label: String(c.to), text: 'group ' + g.group + ' ' + c.from + ' → ' + c.to,
      }))));
      specs.push({ key: 'writes', title: 'Writes', unit: 'recordsPerSecond', series: [{ label: 'written', time: t.time, values: t.recordsPerSecond }], marks: verdicts });
      specs.push({ key: 'retained-records', title: 'Retained', unit: 'records', series: [{ label: 'retained', time: t.time, values: t.retainedRecords }], marks: verdicts });
      specs.push({ key: 'retained-bytes', title: 'Retained size', unit: 'bytes', series: [{ label: 'size', time: t.time, values: t.retainedBytes }], marks: verdicts });
      if (groups.length) {
        specs.push({ key: 'lag', title: 'Lag', unit: 'records', series: groupSeries(groups, 'lag'), marks: verdicts.concat(groupMarks) });
        specs.push({ key: 'lag-seconds', title: 'Time lag', unit: 'seconds', series: groupSeries(groups, 'lagSeconds'), marks: verdicts.concat(groupMarks) });
      }
    }
    return specs;
  }

  /** The chart spec of a server's used memory with its limit and projection (GET /api/v1/servers/{target}/history). */
  function serverSpec(server) {
    const spec = {
      key: 'used-memory', title: 'Used memory of ' + server.server, unit: 'bytes',
      series: [{ label: 'used_memory', time: server.time, values: server.usedMemory }], marks: [],
    };
    if (isNum(server.maxmemory) && server.maxmemory > 0) spec.limit = { label: 'maxmemory', value: server.maxmemory };
    const p = server.projection;
    if (p && isNum(p.bytesPerSecond) && server.time.length > 1) {
      const from = Date.parse(p.from);
      // Drawn as far ahead as the history reaches back (at least a minute), or to the limit if sooner.
      const span = Math.max(60000, server.time[server.time.length - 1] - server.time[0]);
      const ahead = isNum(p.secondsToMaxmemory) ? Math.min(span, p.secondsToMaxmemory * 1000) : span;
      spec.projection = { from: [from, p.fromBytes], to: [from + ahead, p.fromBytes + p.bytesPerSecond * ahead / 1000] };
      const rate = bytes(p.bytesPerSecond) + '/s';
      if (isNum(p.secondsToMaxmemory)) {
        spec.note = 'reaches maxmemory in ' + duration(p.secondsToMaxmemory) + ' (at '
          + new Date(Date.parse(p.reachesMaxmemoryAt)).toLocaleString('en-GB') + ') at ' + rate;
      } else {
        spec.note = spec.limit ? 'not growing (' + rate + '): maxmemory not in reach' : 'no maxmemory set (growth ' + rate + ')';
      }
    }
    return spec;
  }

  return { chart, draw, workloadSpecs, serverSpec, describe, redrawAll };
})();
