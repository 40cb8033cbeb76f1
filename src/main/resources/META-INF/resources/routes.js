// StreamFit report page: the links into the page (the part after '#'), read and written in one place.
//   #/workloads/<system>/<target>/<name>          one workload's card, opened (alerts' generatorURL, dashboards)
//   #/workloads?system=&target=&verdict=&q=&page=  the workload list, filtered
//   #/findings?severity=&state=&system=&target=&q= the findings, filtered
//   #workload/<system>/<target>/<name>, #findings  the links of StreamFit before these, still understood
// Each part of a workload link is percent-encoded as StreamFit's server encodes it (ReportLinks):
// encodeURIComponent, and !'()~ too.
'use strict';

window.StreamFitRoutes = (() => {
  const WORKLOAD_FILTERS = ['system', 'target', 'verdict', 'q', 'page'];
  const FINDING_FILTERS = ['severity', 'state', 'system', 'target', 'q'];

  function part(text) {
    return encodeURIComponent(String(text ?? '')).replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text; // a malformed escape: the text as it stands
    }
  }

  /** The query of a route as an object of the names it knows; others are ignored. */
  function query(text, names) {
    const params = new URLSearchParams(text || '');
    const out = {};
    for (const name of names) {
      const value = params.get(name);
      if (value !== null && value !== '') out[name] = value;
    }
    return out;
  }

  function workloadRoute(rest) {
    const parts = rest.split('/');
    if (parts.length !== 3 || parts.some((p) => p === '')) return null;
    return { view: 'workload', system: decode(parts[0]), target: decode(parts[1]), name: decode(parts[2]) };
  }

  /** What a location hash asks for: {view: 'workload'|'workloads'|'findings'|'home', ...}. */
  function parse(hash) {
    const h = String(hash || '').replace(/^#/, '');
    const [path, q] = h.split(/\?(.*)/s);
    if (path.startsWith('/workloads/')) return workloadRoute(path.slice('/workloads/'.length)) || { view: 'home' };
    if (path.startsWith('workload/')) return workloadRoute(path.slice('workload/'.length)) || { view: 'home' };
    if (path === '/workloads') return { view: 'workloads', filters: query(q, WORKLOAD_FILTERS) };
    if (path === '/findings' || path === 'findings') return { view: 'findings', filters: query(q, FINDING_FILTERS) };
    return { view: 'home' };
  }

  function withQuery(path, filters, names) {
    const params = new URLSearchParams();
    for (const name of names) {
      if (filters[name] !== undefined && filters[name] !== null && filters[name] !== '') params.set(name, String(filters[name]));
    }
    const text = params.toString();
    return '#' + path + (text ? '?' + text : '');
  }

  return {
    parse,
    part,
    workload: (system, target, name) => '#/workloads/' + part(system) + '/' + part(target) + '/' + part(name),
    workloads: (filters) => withQuery('/workloads', filters, WORKLOAD_FILTERS),
    findings: (filters) => withQuery('/findings', filters, FINDING_FILTERS),
  };
})();
