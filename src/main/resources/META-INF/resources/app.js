// StreamFit report page. Reads the JSON API and renders it; every value that comes from the API
// is inserted as text (text nodes, textContent, setAttribute), never parsed as HTML: stream, topic
// and group names can hold markup, quotes and any unicode.
'use strict';

(() => {
  const REFRESH_MS = 15000;
  const FETCH_TIMEOUT_MS = 10000;
  const API = {
    targets: '/api/v1/targets',
    findings: '/api/v1/findings',
    workloads: '/api/v1/workloads',
  };

  const QUESTIONS = [
    ['replay', 'Replay', 'Do consumers replay old events?'],
    ['fanOut', 'Fan-out', 'Do several services read the same data?'],
    ['longTermValue', 'Long-term value', 'Are the events important long-term?'],
    ['longRetention', 'Long retention', 'Must they be kept for a long time?'],
  ];
  const WRONG_BACKBONE = new Set(['OUTGROWN_REDIS', 'OVERBUILT_KAFKA']);
  const VERDICT_RANK = { OUTGROWN_REDIS: 0, OVERBUILT_KAFKA: 0, FITS: 2, INSUFFICIENT_DATA: 3 };
  const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };

  /** Which <details> the operator opened or closed, so a refresh keeps them as they were. */
  const openState = new Map();
  /** Per section: when its data was last loaded successfully. */
  const lastGood = new Map();
  let lastLoaded = null;
  let loading = false;
  let timer = null;
  const latest = { targets: null, findings: null, workloads: null, workloadsMissing: false };

  // ---------------------------------------------------------------- DOM helpers (text only)

  /** Creates an element; attribute values and children are always set as text. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (name === 'class') node.className = String(value);
        else node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function section(id) {
    const root = document.getElementById(id);
    return { root, status: root.querySelector('.section-status'), content: root.querySelector('.content') };
  }

  /** A <details> whose open state survives re-renders once the operator toggled it. */
  function details(key, defaultOpen, summaryChildren, bodyChildren, attrs) {
    const node = el('details', attrs, el('summary', null, summaryChildren), bodyChildren);
    node.open = openState.has(key) ? openState.get(key) : defaultOpen;
    node.addEventListener('toggle', () => openState.set(key, node.open));
    return node;
  }

  // ---------------------------------------------------------------- formatting

  function isNum(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  /** Unknown values are shown as unknown, never as 0. */
  function fmtNum(v) {
    if (v === null || v === undefined) return '—';
    if (!isNum(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    const abs = Math.abs(v);
    if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
    if (abs >= 10) return v.toFixed(1);
    if (abs >= 0.01) return v.toFixed(2);
    return v.toPrecision(2);
  }

  function fmtAge(seconds) {
    if (!isNum(seconds)) return '';
    const s = Math.max(0, Math.round(seconds));
    if (s < 90) return s + ' s';
    if (s < 90 * 60) return Math.round(s / 60) + ' min';
    if (s < 48 * 3600) return (s / 3600).toFixed(1).replace(/\.0$/, '') + ' h';
    return (s / 86400).toFixed(1).replace(/\.0$/, '') + ' d';
  }

  function parseTime(iso) {
    if (typeof iso !== 'string' || iso === '') return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  }

  /** "12 s ago", with the exact instant as a tooltip; raw text if it is not a timestamp. */
  function timeAgo(iso) {
    if (iso === null || iso === undefined) return el('span', { class: 'muted' }, '—');
    const d = parseTime(iso);
    if (!d) return el('span', null, String(iso));
    return el('time', { datetime: d.toISOString(), title: d.toISOString() },
      fmtAge((Date.now() - d.getTime()) / 1000) + ' ago');
  }

  function clock(d) {
    return d.toLocaleTimeString(undefined, { hour12: false });
  }

  function badge(text, cls, title) {
    return el('span', { class: 'badge ' + cls, title }, text);
  }

  function name(text, cls) {
    return el('span', { class: 'name' + (cls ? ' ' + cls : '') }, text === null || text === undefined ? '—' : String(text));
  }

  function cmp(a, b) {
    const x = a === null || a === undefined ? '' : String(a);
    const y = b === null || b === undefined ? '' : String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function asList(value, what) {
    if (!Array.isArray(value)) throw new Error(what + ' did not answer a JSON array');
    return value.filter((item) => item !== null && typeof item === 'object');
  }

  // ---------------------------------------------------------------- loading

  async function getJson(url) {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        cache: 'no-store',
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) {
        let detail = '';
        try {
          const body = await response.json();
          if (body && typeof body.error === 'string') detail = ': ' + body.error;
        } catch (ignored) {
          // not JSON: the status says enough
        }
        const error = new Error('HTTP ' + response.status + detail);
        error.status = response.status;
        throw error;
      }
      return await response.json();
    } catch (e) {
      if (e && e.name === 'AbortError') throw new Error('no answer within ' + FETCH_TIMEOUT_MS / 1000 + ' s');
      throw e;
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Renders one section from its fetch result; on failure keeps the last good data, marked stale. */
  function show(id, url, result, render) {
    const s = section(id);
    if (result.status === 'fulfilled') {
      try {
        s.content.replaceChildren(render(result.value));
        s.root.classList.remove('stale');
        s.status.hidden = true;
        s.status.replaceChildren();
        lastGood.set(id, new Date());
        return true;
      } catch (e) {
        result = { status: 'rejected', reason: e };
      }
    }
    const reason = result.reason && result.reason.message ? result.reason.message : String(result.reason);
    const since = lastGood.get(id);
    s.status.replaceChildren(
      el('strong', null, 'Could not load '), el('a', { href: url }, url), ': ' + reason + '. ',
      since ? 'Showing the data loaded at ' + clock(since) + '.' : 'No data yet.');
    s.status.hidden = false;
    if (since) s.root.classList.add('stale');
    else s.content.replaceChildren();
    return false;
  }

  async function refresh() {
    if (loading) return;
    loading = true;
    clearTimeout(timer);
    const refreshButton = document.getElementById('refresh');
    refreshButton.disabled = true;
    try {
      const [targets, findings, workloads] = await Promise.allSettled([
        getJson(API.targets), getJson(API.findings), getJson(API.workloads)]);

      latest.targets = show('targets', API.targets, targets, (v) => {
        const list = asList(v, API.targets);
        latest.targets = list;
        return renderTargets(list);
      }) ? latest.targets : null;

      latest.findings = show('findings', API.findings, findings, (v) => {
        const list = asList(v, API.findings);
        latest.findings = list;
        return renderFindings(list);
      }) ? latest.findings : null;

      if (workloads.status === 'rejected' && workloads.reason && workloads.reason.status === 404) {
        latest.workloads = null;
        latest.workloadsMissing = true;
        const s = section('workloads');
        s.root.classList.remove('stale');
        s.status.hidden = true;
        s.content.replaceChildren(el('p', { class: 'placeholder not-available' },
          'Workload verdicts not available yet: this StreamFit does not serve ',
          el('a', { href: API.workloads }, API.workloads), ' (HTTP 404).'));
      } else {
        latest.workloadsMissing = false;
        latest.workloads = show('workloads', API.workloads, workloads, (v) => {
          const list = asList(v, API.workloads);
          latest.workloads = list;
          return renderWorkloads(list);
        }) ? latest.workloads : null;
      }

      lastLoaded = new Date();
      renderSummary();
      scrollToLinkedCardOnce();
    } finally {
      loading = false;
      refreshButton.disabled = false;
      updateLoaded();
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  /**
   * An alert links to its workload's card (#workload/...), which exists only once the data arrived:
   * the browser's own jump to the anchor happened before, on an empty page.
   */
  let scrolledToLink = false;
  function scrollToLinkedCardOnce() {
    if (scrolledToLink || !location.hash) return;
    scrolledToLink = true;
    const card = document.getElementById(location.hash.slice(1));
    if (card) card.scrollIntoView();
  }

  function updateLoaded() {
    const node = document.getElementById('loaded');
    if (!lastLoaded) {
      node.textContent = 'Loading…';
      return;
    }
    const failed = ['targets', 'findings', 'workloads'].filter((id) => !section(id).status.hidden);
    node.replaceChildren();
    append(node, [
      'Data last loaded at ',
      el('time', { datetime: lastLoaded.toISOString(), title: lastLoaded.toISOString() }, clock(lastLoaded)),
      ' (' + fmtAge((Date.now() - lastLoaded.getTime()) / 1000) + ' ago) · refreshes every ' + REFRESH_MS / 1000 + ' s',
      failed.length ? el('span', { class: 'load-error' }, ' · could not load: ' + failed.join(', ')) : null]);
  }

  // ---------------------------------------------------------------- summary

  function renderSummary() {
    const chips = [];
    const t = latest.targets;
    if (t) {
      const down = t.filter((x) => x.up === false).length;
      const up = t.filter((x) => x.up === true).length;
      chips.push(chip(down ? 'bad' : 'good', down + ' of ' + t.length + ' targets down'));
      const partial = t.filter((x) => x.up === true && x.partial === true).length;
      if (partial) chips.push(chip('warn', partial + ' answered partly (stale workloads kept)'));
      if (t.length - up - down > 0) chips.push(chip('neutral', (t.length - up - down) + ' not polled yet'));
    }
    const f = latest.findings;
    if (f) {
      const firing = (sev) => f.filter((x) => x.state === 'firing' && x.severity === sev).length;
      const pending = f.filter((x) => x.state === 'pending').length;
      chips.push(chip(firing('critical') ? 'bad' : 'good', firing('critical') + ' critical firing'));
      chips.push(chip(firing('warning') ? 'warn' : 'good', firing('warning') + ' warning firing'));
      chips.push(chip(pending ? 'neutral' : 'good', pending + ' pending'));
    }
    const w = latest.workloads;
    if (w) {
      const wrong = w.filter((x) => WRONG_BACKBONE.has(x.verdict)).length;
      chips.push(chip(wrong ? 'warn' : 'good', wrong + ' of ' + w.length + ' workloads on the wrong backbone'));
    } else if (latest.workloadsMissing) {
      chips.push(chip('neutral', 'verdicts not available yet'));
    }
    document.getElementById('summary').replaceChildren(...chips);
  }

  function chip(kind, text) {
    return el('span', { class: 'chip chip-' + kind }, text);
  }

  // ---------------------------------------------------------------- targets

  function targetState(t) {
    return t.up === true ? 'up' : t.up === false ? 'down' : 'unknown';
  }

  function renderTargets(list) {
    if (list.length === 0) {
      return el('p', { class: 'placeholder' },
        'No targets configured: set streamfit.redis.<name>.url or streamfit.kafka.<name>.bootstrap-servers.');
    }
    const order = { down: 0, unknown: 1, up: 2 };
    const rows = [...list].sort((a, b) => order[targetState(a)] - order[targetState(b)]
      || cmp(a.system, b.system) || cmp(a.name, b.name));
    return el('table', { class: 'grid targets' },
      el('thead', null, el('tr', null,
        el('th', null, 'State'), el('th', null, 'System'), el('th', null, 'Target'),
        el('th', null, 'Last poll'), el('th', { class: 'num' }, 'Poll took'), el('th', null, 'Error'),
        el('th', null, 'Data'))),
      el('tbody', null, rows.map((t) => {
        const state = targetState(t);
        const partial = state === 'up' && t.partial === true;
        const label = partial ? 'UP · PARTIAL' : state === 'up' ? 'UP' : state === 'down' ? 'DOWN' : 'NOT POLLED YET';
        const gaps = partial && Array.isArray(t.gaps) ? t.gaps.filter((g) => g && typeof g === 'object').map((g) => String(g.reason)) : [];
        return el('tr', { class: 'target-row state-' + state, 'data-system': t.system, 'data-target': t.name, 'data-state': state },
          el('td', null, badge(label, partial ? 'target-partial' : 'target-' + state)),
          el('td', null, t.system),
          el('td', null, name(t.name)),
          el('td', null, timeAgo(t.lastPollAt)),
          el('td', { class: 'num' }, isNum(t.lastPollSeconds) ? t.lastPollSeconds.toFixed(3) + ' s' : '—'),
          el('td', { class: 'error-text' }, t.error ? String(t.error) : gaps.length ? 'not seen, kept stale: ' + gaps.join('; ') : ''),
          el('td', { class: 'data-links' }, dataLinks(t)));
      })));
  }

  function dataLinks(t) {
    if (typeof t.name !== 'string') return '';
    const target = encodeURIComponent(t.name);
    if (t.system === 'redis') return el('a', { href: '/api/v1/redis/' + target + '/streams' }, 'streams');
    if (t.system === 'kafka') {
      return [el('a', { href: '/api/v1/kafka/' + target + '/topics' }, 'topics'), ' ',
        el('a', { href: '/api/v1/kafka/' + target + '/groups' }, 'groups')];
    }
    return '';
  }

  // ---------------------------------------------------------------- findings

  function findingRank(f) {
    const sev = SEVERITY_RANK[f.severity] ?? 3;
    return f.state === 'firing' ? sev : 10 + sev;
  }

  function renderFindings(list) {
    const active = list.filter((f) => f.state !== 'resolved')
      .sort((a, b) => findingRank(a) - findingRank(b) || cmp(a.system, b.system) || cmp(a.target, b.target)
        || cmp(a.workload, b.workload) || cmp(a.group, b.group) || cmp(a.rule, b.rule));
    const resolved = list.filter((f) => f.state === 'resolved')
      .sort((a, b) => cmp(b.since, a.since) || cmp(a.rule, b.rule));
    const parts = [];
    if (active.length === 0) {
      parts.push(el('p', { class: 'all-clear' }, 'Nothing needs attention: no pending or firing findings.'));
    } else {
      parts.push(findingsTable(active, 'Since'));
    }
    if (resolved.length) {
      parts.push(details('findings:resolved', false,
        ['Resolved recently (' + resolved.length + ')'],
        [findingsTable(resolved, 'Resolved')], { class: 'resolved' }));
    }
    return el('div', null, parts);
  }

  function findingsTable(list, sinceLabel) {
    return el('table', { class: 'grid findings' },
      el('thead', null, el('tr', null,
        el('th', null, 'Severity'), el('th', null, 'State'), el('th', null, 'Rule'), el('th', null, 'Where'),
        el('th', { class: 'num' }, 'Value'), el('th', { class: 'num' }, 'Threshold'), el('th', null, sinceLabel),
        el('th', null, 'Message'))),
      el('tbody', null, list.map((f) => el('tr', {
        class: 'finding sev-' + f.severity + ' state-' + f.state,
        'data-rule': f.rule, 'data-system': f.system, 'data-target': f.target, 'data-state': f.state,
        'data-severity': f.severity,
      },
      el('td', null, badge(String(f.severity ?? '?').toUpperCase(), 'sev-' + f.severity)),
      el('td', null, badge(String(f.state ?? '?'), 'state-' + f.state)),
      el('td', null, el('code', null, f.rule)),
      el('td', null, where(f)),
      el('td', { class: 'num' }, fmtNum(f.value)),
      el('td', { class: 'num' }, fmtNum(f.threshold)),
      el('td', null, timeAgo(f.since)),
      el('td', { class: 'message' }, f.message ?? '')))));
  }

  function where(f) {
    const parts = [el('span', { class: 'target-ref' }, String(f.system ?? '?') + '/', name(f.target))];
    if (f.workload !== null && f.workload !== undefined) parts.push(el('div', null, name(f.workload, 'workload')));
    if (f.group !== null && f.group !== undefined) parts.push(el('div', { class: 'muted' }, 'group ', name(f.group)));
    return parts;
  }

  // ---------------------------------------------------------------- workloads

  function verdictRank(w) {
    if (w.verdict in VERDICT_RANK) {
      // A workload about to be confirmed on the wrong backbone comes right after those that are.
      if (VERDICT_RANK[w.verdict] > 0 && WRONG_BACKBONE.has(w.candidate)) return 1;
      return VERDICT_RANK[w.verdict];
    }
    return 4;
  }

  function worstSignal(w) {
    const signals = Array.isArray(w.signals) ? w.signals : [];
    return signals.reduce((worst, s) => Math.min(worst, SEVERITY_RANK[s && s.severity] ?? 3), 3);
  }

  function renderWorkloads(list) {
    if (list.length === 0) {
      return el('p', { class: 'placeholder' }, 'No workloads yet: no stream or topic has been observed.');
    }
    const sorted = [...list].sort((a, b) => verdictRank(a) - verdictRank(b) || worstSignal(a) - worstSignal(b)
      || cmp(a.system, b.system) || cmp(a.target, b.target) || cmp(a.name, b.name));
    const counts = new Map();
    for (const w of list) counts.set(String(w.verdict), (counts.get(String(w.verdict)) || 0) + 1);
    const tally = [...counts.entries()].sort((a, b) => (VERDICT_RANK[a[0]] ?? 4) - (VERDICT_RANK[b[0]] ?? 4))
      .map(([verdict, n]) => n + ' ' + verdict).join(' · ');
    return el('div', null,
      el('p', { class: 'tally' }, list.length + ' workloads: ' + tally),
      el('div', { class: 'cards' }, sorted.map(workloadCard)));
  }

  function verdictClass(verdict) {
    return {
      OUTGROWN_REDIS: 'v-outgrown', OVERBUILT_KAFKA: 'v-overbuilt', FITS: 'v-fits', INSUFFICIENT_DATA: 'v-insufficient',
    }[verdict] || 'v-unknown';
  }

  function workloadCard(w) {
    const verdict = w.verdict === null || w.verdict === undefined ? 'UNKNOWN' : String(w.verdict);
    const wrong = WRONG_BACKBONE.has(verdict);
    const key = 'workload:' + JSON.stringify([w.system, w.target, w.name]);
    const questions = w.questions && typeof w.questions === 'object' ? w.questions : {};
    const signals = Array.isArray(w.signals) ? w.signals.filter((s) => s && typeof s === 'object') : [];
    const yes = QUESTIONS.filter(([id]) => questions[id] && questions[id].answer === 'YES').length;
    const recommendation = w.recommendation && typeof w.recommendation === 'object' ? w.recommendation : null;

    const head = el('div', { class: 'card-head' },
      badge(verdict, 'verdict ' + verdictClass(verdict)),
      el('span', { class: 'card-title' },
        el('span', { class: 'target-ref' }, String(w.system ?? '?') + '/', name(w.target), ' '),
        name(w.name, 'workload')),
      el('span', { class: 'card-meta' },
        w.since ? ['verdict since ', timeAgo(w.since)] : null,
        typeof w.observedSeconds === 'number' ? ' · ' + fmtAge(w.observedSeconds) + ' of history' : null,
        w.candidate && w.candidate !== w.verdict
          ? el('span', { class: 'candidate' }, ' · becoming ', badge(String(w.candidate), 'verdict small ' + verdictClass(w.candidate)),
            ' (waiting for confirmation)')
          : null,
        w.stale === true
          ? el('span', { class: 'stale-note' }, ' · STALE: not seen by the last poll (' + String(w.staleReason) + '); as last evaluated')
          : null));

    const summary = recommendation && recommendation.summary !== null && recommendation.summary !== undefined
      ? el('p', { class: 'recommendation' }, String(recommendation.summary))
      : el('p', { class: 'recommendation muted' }, 'No recommendation.');

    const body = [
      el('table', { class: 'questions' },
        el('thead', null, el('tr', null, el('th', null, 'Question'), el('th', null, 'Answer'),
          el('th', null, 'Evidence'), el('th', null, 'Threshold'))),
        el('tbody', null, QUESTIONS.map(([id, label, text]) => {
          const q = questions[id] && typeof questions[id] === 'object' ? questions[id] : {};
          const answer = q.answer === null || q.answer === undefined ? 'UNKNOWN' : String(q.answer);
          return el('tr', { 'data-question': id },
            el('td', { title: text }, label),
            el('td', null, badge(answer, 'answer answer-' + answer.toLowerCase())),
            el('td', null, q.evidence === null || q.evidence === undefined ? '—' : String(q.evidence)),
            el('td', { class: 'muted' }, q.threshold === null || q.threshold === undefined ? '—' : String(q.threshold)));
        }))),
      signals.length
        ? el('div', { class: 'signals' }, el('h4', null, 'Signals'), el('ul', null, signals.map((s) => el('li', null,
          badge(String(s.severity ?? '?').toUpperCase(), 'sev-' + s.severity), ' ',
          el('code', null, s.rule ?? '?'), ' ',
          s.value === null && s.threshold === null ? null
            : el('span', { class: 'muted' }, 'value ' + fmtNum(s.value) + ' / threshold ' + fmtNum(s.threshold)),
          s.message ? [' — ', String(s.message)] : null))))
        : el('p', { class: 'muted' }, 'No signals.'),
      recommendationDetails(recommendation),
    ];

    const evidenceSummary = yes + ' of 4 questions YES · ' + signals.length + (signals.length === 1 ? ' signal' : ' signals');
    return el('article', {
      id: workloadAnchor(w),
      class: 'card ' + verdictClass(verdict) + (wrong ? ' wrong-backbone' : ''),
      'data-verdict': verdict, 'data-system': w.system, 'data-target': w.target,
    },
    head,
    summary,
    details(key, wrong, ['Evidence: ' + evidenceSummary], body, { class: 'evidence' }));
  }

  /**
   * The card's id, which alerts link to (generatorURL): workload/<system>/<target>/<name>, each part
   * percent-encoded as StreamFit's server encodes it (encodeURIComponent, and !'()~ too).
   */
  function workloadAnchor(w) {
    const part = (s) => encodeURIComponent(String(s ?? '')).replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    return 'workload/' + part(w.system) + '/' + part(w.target) + '/' + part(w.name);
  }

  /** Every recommendation field besides the summary (suggested partitions, retention, MAXLEN, ...). */
  function recommendationDetails(recommendation) {
    if (!recommendation) return null;
    const entries = Object.entries(recommendation).filter(([k, v]) => k !== 'summary' && v !== null && v !== undefined);
    if (entries.length === 0) return null;
    return el('div', { class: 'recommendation-details' }, el('h4', null, 'Recommendation'),
      el('dl', null, entries.map(([k, v]) => {
        const known = RECOMMENDATION_FIELDS[k];
        return [el('dt', { title: k }, known ? known[0] : k), el('dd', null, known ? known[1](v) : describe(v))];
      })));
  }

  /** Labels and formats of the recommendation fields StreamFit sends; any other field is shown as is. */
  const RECOMMENDATION_FIELDS = {
    kafkaPartitions: ['Kafka partitions', describe],
    kafkaRetentionHours: ['Kafka retention', (v) => {
      if (!isNum(v)) return describe(v);
      const age = fmtAge(v * 3600);
      return age.endsWith(' h') ? age : age + ' (' + fmtNum(v) + ' h)';
    }],
    redisMemoryBytes: ['Estimated Redis memory', (v) => (isNum(v) ? fmtBytes(v) : describe(v))],
    maxlen: ['MAXLEN', (v) => (isNum(v) ? '~ ' + fmtNum(v) : describe(v))],
    groups: ['Consumer groups to create', describe],
  };

  function fmtBytes(v) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let n = v;
    let i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return (i === 0 ? String(n) : n.toFixed(n >= 100 ? 0 : 1)) + ' ' + units[i] + ' (' + fmtNum(v) + ' bytes)';
  }

  function describe(v) {
    if (isNum(v)) return fmtNum(v);
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => String(x)).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  // ---------------------------------------------------------------- start

  document.getElementById('refresh').addEventListener('click', () => refresh());
  setInterval(updateLoaded, 5000);
  refresh();
})();
