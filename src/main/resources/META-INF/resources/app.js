// StreamFit report page. Reads the JSON API and renders it; every value that comes from the API
// is inserted as text (text nodes, textContent, setAttribute), never parsed as HTML: stream, topic
// and group names can hold markup, quotes and any unicode.
//
// Built for 10,000 workloads: the lists are filtered and paged by the server (?q=&limit=&offset=, with
// X-Total-Count), the summary counts come from limit=0 queries, and a workload's history is fetched
// only when its card is open and on screen. Links into the page: routes.js; charts: charts.js.
'use strict';

(() => {
  const Routes = window.StreamFitRoutes;
  const Charts = window.StreamFitCharts;
  const REFRESH_MS = 15000;
  const FETCH_TIMEOUT_MS = 10000;
  const PAGE_SIZE = 50;
  const FINDINGS_PAGE = 100;
  const ACTIVE = 'pending,firing';
  const WRONG_BACKBONE_VERDICTS = 'OUTGROWN_REDIS,OVERBUILT_KAFKA';
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
  const VERDICTS = ['OUTGROWN_REDIS', 'OVERBUILT_KAFKA', 'FITS', 'INSUFFICIENT_DATA'];
  const WRONG_BACKBONE = new Set(['OUTGROWN_REDIS', 'OVERBUILT_KAFKA']);

  /** Which cards and <details> the operator opened or closed, so a refresh keeps them as they were. */
  const openState = new Map();
  /** Per section: when its data was last loaded successfully. */
  const lastGood = new Map();
  /** What the page shows: the filters (from the controls or a link), the linked workload. */
  const view = {
    workloads: { system: '', target: '', verdict: '', q: '', page: 1 },
    findings: { severity: '', state: ACTIVE, system: '', target: '', q: '', limit: FINDINGS_PAGE },
    linked: null,
  };
  /** Bumped at every refresh: a chart drawn in an earlier one is drawn again when next on screen. */
  let generation = 0;
  let lastLoaded = null;
  /** The section a link asked for, brought into view once its data is in. */
  let scrollAfterLoad = null;
  let timer = null;
  let refreshing = null;

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

  const { isNum } = window.StreamFitFormat;
  /** Unknown values are shown as unknown, never as 0. */
  const fmtNum = window.StreamFitFormat.number;
  const fmtAge = window.StreamFitFormat.age;

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

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    }
    return q.toString();
  }

  // ---------------------------------------------------------------- loading

  /** The JSON body and, for a filtered list, X-Total-Count. */
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
      const total = response.headers.get('X-Total-Count');
      return { body: await response.json(), total: total === null ? null : Number(total) };
    } catch (e) {
      if (e && e.name === 'AbortError') throw new Error('no answer within ' + FETCH_TIMEOUT_MS / 1000 + ' s');
      throw e;
    } finally {
      clearTimeout(timeout);
    }
  }

  async function count(url, params) {
    return (await getJson(url + '?' + query({ ...params, limit: 0 }))).total;
  }

  /** Renders one section from its data; on failure keeps the last good data, marked stale. */
  async function load(id, url, fetchAndRender, current = () => true) {
    const s = section(id);
    try {
      const content = await fetchAndRender();
      // A newer request (the filters changed meanwhile) renders instead.
      if (!current()) return;
      s.content.replaceChildren(content);
      s.root.classList.remove('stale');
      s.status.hidden = true;
      s.status.replaceChildren();
      lastGood.set(id, new Date());
    } catch (e) {
      if (!current()) return;
      const reason = e && e.message ? e.message : String(e);
      const since = lastGood.get(id);
      s.status.replaceChildren(
        el('strong', null, 'Could not load '), el('a', { href: url }, url), ': ' + reason + '. ',
        since ? 'Showing the data loaded at ' + clock(since) + '.' : 'No data yet.');
      s.status.hidden = false;
      if (since) s.root.classList.add('stale');
      else s.content.replaceChildren();
    }
  }

  /** Loads every section, each rendered as soon as its own answer is in. */
  function refresh() {
    if (refreshing) return refreshing;
    clearTimeout(timer);
    generation++;
    const button = document.getElementById('refresh');
    button.disabled = true;
    refreshing = Promise.allSettled([loadTargets(), loadFindings(), loadWorkloads(), loadLinked(), loadSummary()]).then(() => {
      lastLoaded = new Date();
      refreshing = null;
      button.disabled = false;
      updateLoaded();
      reloadVisibleCharts();
      timer = setTimeout(refresh, REFRESH_MS);
    });
    return refreshing;
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

  /** Counts only (limit=0): the page never fetches every workload or finding to count them. */
  async function loadSummary() {
    const [targets, critical, warning, pending, verdicts] = await Promise.allSettled([
      getJson(API.targets),
      count(API.findings, { state: 'firing', severity: 'critical' }),
      count(API.findings, { state: 'firing', severity: 'warning' }),
      count(API.findings, { state: 'pending' }),
      Promise.all(VERDICTS.map((v) => count(API.workloads, { verdict: v }))),
    ]);
    const chips = [];
    if (targets.status === 'fulfilled') {
      const t = asList(targets.value.body, API.targets);
      const down = t.filter((x) => x.up === false).length;
      const up = t.filter((x) => x.up === true).length;
      chips.push(chip(down ? 'bad' : 'good', down + ' of ' + t.length + ' targets down'));
      const partial = t.filter((x) => x.up === true && x.partial === true).length;
      if (partial) chips.push(chip('warn', partial + ' answered partly (stale workloads kept)'));
      if (t.length - up - down > 0) chips.push(chip('neutral', (t.length - up - down) + ' not polled yet'));
    }
    const firing = (r, severity, kind) => {
      if (r.status === 'fulfilled') {
        chips.push(chip(r.value ? kind : 'good', r.value + ' ' + severity + ' firing', Routes.findings({ severity, state: 'firing' })));
      }
    };
    firing(critical, 'critical', 'bad');
    firing(warning, 'warning', 'warn');
    if (pending.status === 'fulfilled') chips.push(chip(pending.value ? 'neutral' : 'good', pending.value + ' pending'));
    if (verdicts.status === 'fulfilled') {
      const n = verdicts.value;
      const total = n.reduce((a, b) => a + b, 0);
      const wrong = n[0] + n[1];
      chips.push(chip(wrong ? 'warn' : 'good', wrong + ' of ' + total.toLocaleString('en-US') + ' workloads on the wrong backbone',
        Routes.workloads({ verdict: WRONG_BACKBONE_VERDICTS })));
      document.getElementById('workloads-tally').textContent = total.toLocaleString('en-US') + ' workloads: '
        + VERDICTS.map((v, i) => n[i].toLocaleString('en-US') + ' ' + v).join(' · ');
    }
    document.getElementById('summary').replaceChildren(...chips);
  }

  function chip(kind, text, href) {
    return href ? el('a', { class: 'chip chip-' + kind, href }, text) : el('span', { class: 'chip chip-' + kind }, text);
  }

  // ---------------------------------------------------------------- targets and servers

  function targetState(t) {
    return t.up === true ? 'up' : t.up === false ? 'down' : 'unknown';
  }

  async function loadTargets() {
    await load('targets', API.targets, async () => {
      const list = asList((await getJson(API.targets)).body, API.targets);
      fillTargetChoices(list);
      renderServers(list);
      return renderTargets(list);
    });
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
    if (t.system === 'redis') {
      return [el('a', { href: '/api/v1/redis/' + target + '/streams' }, 'streams'), ' ',
        el('a', { href: '/api/v1/servers/' + target + '/history' }, 'memory')];
    }
    if (t.system === 'kafka') {
      return [el('a', { href: '/api/v1/kafka/' + target + '/topics' }, 'topics'), ' ',
        el('a', { href: '/api/v1/kafka/' + target + '/groups' }, 'groups')];
    }
    return '';
  }

  /** One panel per Redis target that answers: its servers' used memory, fetched once on screen. */
  function renderServers(list) {
    const redis = list.filter((t) => t.system === 'redis' && t.up === true && typeof t.name === 'string')
      .sort((a, b) => cmp(a.name, b.name));
    const content = section('servers').content;
    const kept = new Map([...content.querySelectorAll('.server-target')].map((n) => [n.dataset.target, n]));
    kept.forEach((node, target) => {
      if (!redis.some((t) => t.name === target)) lazy.unobserve(node);
    });
    if (redis.length === 0) {
      content.replaceChildren(el('p', { class: 'placeholder' }, 'No Redis target answers now.'));
      return;
    }
    content.replaceChildren(...redis.map((t) => {
      const node = kept.get(t.name) || el('div', { class: 'server-target', 'data-target': t.name },
        el('h3', null, 'redis/', name(t.name)), el('div', { class: 'charts' }, el('p', { class: 'placeholder' }, 'Loading when on screen…')));
      node.dataset.generation = node.dataset.generation || '';
      lazy.observe(node);
      return node;
    }));
  }

  function loadServerCharts(node) {
    return drawHistory(node.querySelector('.charts'), '/api/v1/servers/' + encodeURIComponent(node.dataset.target) + '/history',
      (servers) => asList(servers, 'servers').map(Charts.serverSpec), 'the memory history');
  }

  // ---------------------------------------------------------------- findings

  let findingsSeq = 0;

  async function loadFindings() {
    const seq = ++findingsSeq;
    const f = view.findings;
    const url = API.findings + '?' + query({ severity: f.severity, state: f.state, system: f.system, target: f.target, q: f.q, limit: f.limit });
    await load('findings', url, async () => {
      const answer = await getJson(url);
      return renderFindings(asList(answer.body, API.findings), answer.total);
    }, () => seq === findingsSeq);
  }

  function renderFindings(list, total) {
    const f = view.findings;
    const filtered = f.severity || f.system || f.target || f.q || f.state !== ACTIVE;
    const parts = [];
    if (list.length === 0) {
      parts.push(filtered ? el('p', { class: 'placeholder' }, 'No finding matches these filters.')
        : el('p', { class: 'all-clear' }, 'Nothing needs attention: no pending or firing findings.'));
    } else {
      parts.push(findingsTable(list));
    }
    const shown = el('p', { class: 'list-status', role: 'status' }, 'Showing ' + list.length.toLocaleString('en-US') + ' of '
      + (total ?? list.length).toLocaleString('en-US') + ' findings');
    if (total !== null && total > list.length) {
      append(shown, [' ', el('button', { type: 'button', class: 'more' }, 'Show ' + FINDINGS_PAGE + ' more')]);
      shown.querySelector('button').addEventListener('click', () => {
        view.findings.limit += FINDINGS_PAGE;
        loadFindings();
      });
    }
    parts.push(shown);
    return el('div', null, parts);
  }

  function findingsTable(list) {
    return el('table', { class: 'grid findings' },
      el('thead', null, el('tr', null,
        el('th', null, 'Severity'), el('th', null, 'State'), el('th', null, 'Rule'), el('th', null, 'Where'),
        el('th', { class: 'num' }, 'Value'), el('th', { class: 'num' }, 'Threshold'), el('th', null, 'Since'),
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
    if (f.workload !== null && f.workload !== undefined) {
      parts.push(el('div', null, el('a', { href: Routes.workload(f.system, f.target, f.workload) }, name(f.workload, 'workload'))));
    }
    if (f.group !== null && f.group !== undefined) parts.push(el('div', { class: 'muted' }, 'group ', name(f.group)));
    return parts;
  }

  // ---------------------------------------------------------------- workloads

  function workloadParams() {
    const w = view.workloads;
    return { system: w.system, target: w.target, verdict: w.verdict, q: w.q };
  }

  let workloadsSeq = 0;

  async function loadWorkloads() {
    const seq = ++workloadsSeq;
    const w = view.workloads;
    const url = API.workloads + '?' + query({ ...workloadParams(), limit: PAGE_SIZE, offset: (w.page - 1) * PAGE_SIZE });
    const s = section('workloads');
    try {
      const answer = await getJson(url);
      // A newer request (the filters changed meanwhile) renders instead.
      if (seq !== workloadsSeq) return;
      renderWorkloadList(asList(answer.body, API.workloads), answer.total ?? 0);
      s.root.classList.remove('stale');
      s.status.hidden = true;
      lastGood.set('workloads', new Date());
    } catch (e) {
      if (seq !== workloadsSeq) return;
      const since = lastGood.get('workloads');
      s.status.replaceChildren(el('strong', null, 'Could not load '), el('a', { href: url }, url), ': ' + e.message + '. ',
        since ? 'Showing the data loaded at ' + clock(since) + '.' : 'No data yet.');
      s.status.hidden = false;
      if (since) s.root.classList.add('stale');
    }
  }

  /** Cards by key: a refresh updates a card in place, so its open state, focus and drawn charts stay. */
  const cards = new Map();
  /** The linked workload's card (at most one), kept apart from the list's. */
  const linkedCards = new Map();

  function renderWorkloadList(list, total) {
    const w = view.workloads;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (w.page > pages && total > 0) {
      w.page = pages;
      loadWorkloads();
      return;
    }
    const nodes = list.map((item) => card(item, false));
    const seen = new Set(list.map(key));
    for (const [k, node] of [...cards.entries()]) {
      if (!seen.has(k)) {
        lazy.unobserve(node);
        cards.delete(k);
      }
    }
    const listNode = document.getElementById('workload-list');
    if (nodes.length) {
      listNode.replaceChildren(...nodes);
    } else {
      const filtered = Object.values(workloadParams()).some((v) => v);
      listNode.replaceChildren(el('p', { class: 'placeholder' },
        filtered ? 'No workload matches these filters.' : 'No workloads yet: no stream or topic has been observed.'));
    }
    const first = total === 0 ? 0 : (w.page - 1) * PAGE_SIZE + 1;
    const last = (w.page - 1) * PAGE_SIZE + list.length;
    document.getElementById('workload-range').textContent = total === 0 ? 'No workloads shown'
      : 'Showing ' + first.toLocaleString('en-US') + '–' + last.toLocaleString('en-US') + ' of ' + total.toLocaleString('en-US')
        + ' workloads (page ' + w.page + ' of ' + pages + ')';
    document.getElementById('page-prev').disabled = w.page <= 1;
    document.getElementById('page-next').disabled = w.page >= pages;
  }

  function key(w) {
    return JSON.stringify([w.system, w.target, w.name]);
  }

  function verdictClass(verdict) {
    return {
      OUTGROWN_REDIS: 'v-outgrown', OVERBUILT_KAFKA: 'v-overbuilt', FITS: 'v-fits', INSUFFICIENT_DATA: 'v-insufficient',
    }[verdict] || 'v-unknown';
  }

  let cardIds = 0;

  /**
   * A workload's card: its head (verdict, the button with its name that opens it, meta), the
   * recommendation, and when open its charts and evidence. Made once per workload, then updated in
   * place when its evaluation changed.
   */
  function card(w, linked) {
    const store = linked ? linkedCards : cards;
    const k = key(w);
    let node = store.get(k);
    const json = JSON.stringify(w);
    if (node && node.workloadJson === json) return node;
    if (!node) {
      node = newCard((linked ? 'linked:' : '') + k);
      store.set(k, node);
    }
    node.workloadJson = json;
    update(node, w, linked);
    return node;
  }

  function newCard(openKey) {
    const bodyId = 'card-body-' + (++cardIds);
    const toggle = el('button', { type: 'button', class: 'card-toggle', 'aria-controls': bodyId, id: bodyId + '-title' },
      el('span', { class: 'chevron', 'aria-hidden': 'true' }), el('span', { class: 'card-title' }));
    const node = el('article', { class: 'card', 'aria-labelledby': bodyId + '-title' },
      el('div', { class: 'card-head' }, el('span', { class: 'verdict-slot' }), toggle, el('span', { class: 'card-meta' })),
      el('p', { class: 'recommendation' }),
      el('div', { class: 'card-body', id: bodyId, hidden: true },
        el('div', { class: 'trends' }), el('div', { class: 'evidence-slot' })));
    node.openKey = openKey;
    toggle.addEventListener('click', () => {
      const open = !node.classList.contains('open');
      openState.set(openKey, open);
      setOpen(node, open);
      if (open) loadCharts(node);
    });
    return node;
  }

  function update(node, w, linked) {
    const verdict = w.verdict === null || w.verdict === undefined ? 'UNKNOWN' : String(w.verdict);
    const wrong = WRONG_BACKBONE.has(verdict);
    node.workload = w;
    node.className = 'card ' + verdictClass(verdict) + (wrong ? ' wrong-backbone' : '') + (linked ? ' linked' : '');
    node.dataset.verdict = verdict;
    node.dataset.system = w.system;
    node.dataset.target = w.target;
    node.dataset.name = w.name;
    node.dataset.link = Routes.workload(w.system, w.target, w.name);
    if (linked) node.id = 'linked-workload';
    node.querySelector('.verdict-slot').replaceChildren(badge(verdict, 'verdict ' + verdictClass(verdict)));
    node.querySelector('.card-title').replaceChildren(
      el('span', { class: 'target-ref' }, String(w.system ?? '?') + '/', name(w.target), ' '), name(w.name, 'workload'));
    const meta = node.querySelector('.card-meta');
    meta.replaceChildren();
    append(meta, [
      w.since ? ['verdict since ', timeAgo(w.since)] : '',
      typeof w.observedSeconds === 'number' ? ' · ' + fmtAge(w.observedSeconds) + ' of history' : '',
      w.candidate && w.candidate !== w.verdict
        ? el('span', { class: 'candidate' }, ' · becoming ', badge(String(w.candidate), 'verdict small ' + verdictClass(w.candidate)),
          ' (waiting for confirmation)')
        : '',
      w.stale === true
        ? el('span', { class: 'stale-note' }, ' · STALE: not seen by the last poll (' + String(w.staleReason) + '); as last evaluated')
        : '',
      ' · ', el('a', { href: Routes.workload(w.system, w.target, w.name), class: 'permalink' }, 'link')]);
    const recommendation = w.recommendation && typeof w.recommendation === 'object' ? w.recommendation : null;
    const summary = node.querySelector('.recommendation');
    const text = recommendation && recommendation.summary !== null && recommendation.summary !== undefined ? String(recommendation.summary) : null;
    summary.className = 'recommendation' + (text ? '' : ' muted');
    summary.textContent = text || 'No recommendation.';
    node.querySelector('.evidence-slot').replaceChildren(evidence(w, node.openKey, wrong));
    setOpen(node, openState.has(node.openKey) ? openState.get(node.openKey) : linked || wrong);
  }

  function setOpen(node, open) {
    node.classList.toggle('open', open);
    node.querySelector('.card-body').hidden = !open;
    const toggle = node.querySelector('.card-toggle');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.title = open ? 'Close: hide charts and evidence' : 'Open: show charts and evidence';
    if (open) lazy.observe(node);
    else lazy.unobserve(node);
  }

  function evidence(w, k, wrong) {
    const questions = w.questions && typeof w.questions === 'object' ? w.questions : {};
    const signals = Array.isArray(w.signals) ? w.signals.filter((s) => s && typeof s === 'object') : [];
    const yes = QUESTIONS.filter(([id]) => questions[id] && questions[id].answer === 'YES').length;
    const recommendation = w.recommendation && typeof w.recommendation === 'object' ? w.recommendation : null;
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
    return details('evidence:' + k, wrong, ['Evidence: ' + evidenceSummary], body, { class: 'evidence' });
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
    return window.StreamFitFormat.bytes(v) + ' (' + fmtNum(v) + ' bytes)';
  }

  function describe(v) {
    if (isNum(v)) return fmtNum(v);
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => String(x)).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  // ---------------------------------------------------------------- charts, loaded when on screen

  /** Open cards and server panels on screen (or nearly): their history is fetched then, not before. */
  const onScreen = new Set();
  const lazy = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        onScreen.add(entry.target);
        if (entry.target.classList.contains('server-target')) loadServerCharts(entry.target);
        else loadCharts(entry.target);
      } else {
        onScreen.delete(entry.target);
      }
    }
  }, { rootMargin: '200px 0px' });

  function reloadVisibleCharts() {
    for (const node of [...onScreen]) {
      if (!node.isConnected) onScreen.delete(node);
      else if (node.classList.contains('server-target')) loadServerCharts(node);
      else if (node.classList.contains('open')) loadCharts(node);
    }
  }

  function historyUrl(w) {
    return API.workloads + '/' + Routes.part(w.system) + '/' + Routes.part(w.target) + '/' + Routes.part(w.name) + '/history';
  }

  /** Fetches the card's history and draws its charts, once per refresh. */
  async function loadCharts(node) {
    const trends = node.querySelector('.trends');
    const history = await drawHistory(trends, historyUrl(node.workload), Charts.workloadSpecs, 'the history');
    if (history) {
      if (history.staleReason) trends.prepend(el('p', { class: 'stale-note' }, 'Not seen by the last poll: no newer samples.'));
      node.dataset.charts = 'drawn';
    }
  }

  /**
   * Fetches a history into {@code holder} and draws the charts {@code specsOf} makes of it, once per
   * refresh (a call while one runs, or after it in the same refresh, does nothing); answers the history
   * drawn, else null.
   */
  async function drawHistory(holder, url, specsOf, what) {
    if (!holder || holder.dataset.generation === String(generation) || holder.dataset.loading) return null;
    holder.dataset.loading = '1';
    if (!holder.firstChild) holder.append(el('p', { class: 'placeholder' }, 'Loading ' + what + '…'));
    try {
      const history = (await getJson(url)).body;
      const figures = specsOf(history).map((spec) => Charts.chart(spec));
      holder.replaceChildren(...(figures.length ? figures : [el('p', { class: 'placeholder' }, 'Nothing to draw yet.')]));
      Charts.draw(figures);
      holder.dataset.generation = String(generation);
      return history;
    } catch (e) {
      holder.replaceChildren(el('p', { class: 'load-error' }, 'Could not load ' + what + ': ' + e.message));
      return null;
    } finally {
      delete holder.dataset.loading;
    }
  }

  // ---------------------------------------------------------------- the linked workload

  let linkedSeq = 0;

  async function loadLinked() {
    const seq = ++linkedSeq;
    const slot = document.getElementById('linked');
    const link = view.linked;
    if (!link) {
      linkedCards.forEach((node) => lazy.unobserve(node));
      linkedCards.clear();
      slot.replaceChildren();
      slot.hidden = true;
      return;
    }
    slot.hidden = false;
    const url = API.workloads + '/' + Routes.part(link.system) + '/' + Routes.part(link.target) + '/' + Routes.part(link.name);
    const close = el('button', { type: 'button', class: 'close-linked' }, 'Close');
    close.addEventListener('click', () => {
      view.linked = null;
      history.replaceState(null, '', Routes.workloads(view.workloads));
      loadLinked();
    });
    const heading = el('h3', { tabindex: '-1' }, 'Linked workload ', close);
    try {
      const w = (await getJson(url)).body;
      if (seq !== linkedSeq) return;
      const linkedCard = card(w, true);
      [...linkedCards.keys()].filter((k) => k !== key(w)).forEach((k) => {
        lazy.unobserve(linkedCards.get(k));
        linkedCards.delete(k);
      });
      const first = !slot.contains(linkedCard);
      slot.replaceChildren(heading, linkedCard);
      if (first) {
        slot.scrollIntoView({ block: 'start' });
        linkedCard.querySelector('.card-toggle').focus({ preventScroll: true });
        loadCharts(linkedCard);
      }
    } catch (e) {
      if (seq !== linkedSeq) return;
      // No workload of that name (a server's or a group's finding links here too): its findings instead.
      const notFound = e.status === 404;
      slot.replaceChildren(heading, el('p', { class: notFound ? 'placeholder' : 'load-error' },
        notFound ? 'No workload ' + link.system + '/' + link.target + '/' + link.name + ' now. Its findings are listed above.'
          : 'Could not load the linked workload: ' + e.message));
      if (notFound && view.findings.q !== link.name) {
        Object.assign(view.findings, { system: link.system, target: link.target, q: link.name, state: '' });
        syncFindingControls();
        loadFindings();
      }
    }
  }

  // ---------------------------------------------------------------- controls and links

  function fillTargetChoices(list) {
    const select = document.getElementById('filter-target');
    const chosen = view.workloads.target;
    const names = [...new Set(list.filter((t) => !view.workloads.system || t.system === view.workloads.system).map((t) => String(t.name)))].sort();
    if (chosen && !names.includes(chosen)) names.push(chosen);
    select.replaceChildren(el('option', { value: '' }, 'All targets'), ...names.map((n) => el('option', { value: n }, n)));
    select.value = chosen;
  }

  function syncWorkloadControls() {
    const w = view.workloads;
    document.getElementById('filter-system').value = w.system;
    document.getElementById('filter-verdict').value = w.verdict;
    document.getElementById('filter-q').value = w.q;
    const target = document.getElementById('filter-target');
    if (w.target && ![...target.options].some((o) => o.value === w.target)) target.append(el('option', { value: w.target }, w.target));
    target.value = w.target;
  }

  function syncFindingControls() {
    const f = view.findings;
    document.getElementById('finding-severity').value = f.severity;
    const state = document.getElementById('finding-state');
    if (![...state.options].some((o) => o.value === f.state)) state.append(el('option', { value: f.state }, f.state));
    state.value = f.state;
    document.getElementById('finding-q').value = f.q;
  }

  /** The filters in the address, without a hashchange: the link can be copied, the page does not reload. */
  function rememberWorkloadFilters() {
    const w = view.workloads;
    if (!view.linked) history.replaceState(null, '', Routes.workloads({ ...workloadParams(), page: w.page > 1 ? w.page : '' }));
  }

  function onWorkloadFilter(change) {
    Object.assign(view.workloads, change, { page: 1 });
    rememberWorkloadFilters();
    loadWorkloads();
  }

  function onFindingFilter(change) {
    Object.assign(view.findings, change, { limit: FINDINGS_PAGE });
    if (!view.linked) history.replaceState(null, '', Routes.findings({ ...view.findings, state: view.findings.state === ACTIVE ? '' : view.findings.state || 'all' }));
    loadFindings();
  }

  function debounce(fn, ms) {
    let t = null;
    return (...args) => {
      clearTimeout(t);
      t = setTimeout(() => fn(...args), ms);
    };
  }

  function wireControls() {
    document.getElementById('refresh').addEventListener('click', () => refresh());
    document.getElementById('filter-system').addEventListener('change', (e) => {
      onWorkloadFilter({ system: e.target.value });
      loadTargets();
    });
    document.getElementById('filter-target').addEventListener('change', (e) => onWorkloadFilter({ target: e.target.value }));
    document.getElementById('filter-verdict').addEventListener('change', (e) => onWorkloadFilter({ verdict: e.target.value }));
    document.getElementById('filter-q').addEventListener('input', debounce((e) => onWorkloadFilter({ q: e.target.value.trim() }), 250));
    document.getElementById('workload-filters').addEventListener('submit', (e) => e.preventDefault());
    document.getElementById('page-prev').addEventListener('click', () => changePage(-1));
    document.getElementById('page-next').addEventListener('click', () => changePage(1));
    document.getElementById('finding-severity').addEventListener('change', (e) => onFindingFilter({ severity: e.target.value }));
    document.getElementById('finding-state').addEventListener('change', (e) => onFindingFilter({ state: e.target.value }));
    document.getElementById('finding-q').addEventListener('input', debounce((e) => onFindingFilter({ q: e.target.value.trim() }), 250));
    document.getElementById('finding-filters').addEventListener('submit', (e) => e.preventDefault());
    window.addEventListener('hashchange', navigate);
  }

  async function changePage(delta) {
    view.workloads.page = Math.max(1, view.workloads.page + delta);
    rememberWorkloadFilters();
    await loadWorkloads();
    document.getElementById('workloads').scrollIntoView({ block: 'start' });
  }

  /** Sets the filters a link asks for and brings its section into view once loaded. */
  function applyRoute(route) {
    view.linked = null;
    if (route.view === 'workload') {
      view.linked = { system: route.system, target: route.target, name: route.name };
    } else if (route.view === 'workloads') {
      const f = route.filters;
      Object.assign(view.workloads, { system: f.system || '', target: f.target || '', verdict: f.verdict || '', q: f.q || '',
        page: Math.max(1, parseInt(f.page, 10) || 1) });
      scrollAfterLoad = 'workloads';
    } else if (route.view === 'findings') {
      const f = route.filters;
      Object.assign(view.findings, { severity: f.severity || '', state: f.state === 'all' ? '' : f.state || ACTIVE, system: f.system || '',
        target: f.target || '', q: f.q || '', limit: FINDINGS_PAGE });
      scrollAfterLoad = 'findings';
    }
    syncWorkloadControls();
    syncFindingControls();
  }

  // ---------------------------------------------------------------- start

  /** Follows the link in the address: its filters, its data (after a refresh under way), its section in view. */
  function navigate() {
    applyRoute(Routes.parse(location.hash));
    (refreshing || Promise.resolve()).then(refresh).then(() => {
      if (scrollAfterLoad) {
        const target = document.getElementById(scrollAfterLoad);
        target.scrollIntoView({ block: 'start' });
        target.querySelector('h2').focus({ preventScroll: true });
        scrollAfterLoad = null;
      }
    });
  }

  wireControls();
  setInterval(updateLoaded, 5000);
  navigate();
})();
