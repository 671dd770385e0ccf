// Small DOM helpers shared by the pages.

/** h('tag.class#id', {attrs, on: {event: fn}}, ...children) */
export function h(spec, attrs, ...children) {
  const [, tag = 'div', rest = ''] = spec.match(/^([a-z0-9]*)(.*)$/i);
  const el = document.createElement(tag || 'div');
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) { children.unshift(attrs); attrs = null; }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'text') el.textContent = v;
    else if (k === 'value') el.value = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) { el.replaceChildren(); append(el, children); return el; }

let ids = 0;
export const uid = p => `${p || 'f'}-${++ids}`;

/** A labelled control: field('Name', input, {path: '/name', hint}) */
export function field(label, control, opts = {}) {
  control.id = control.id || uid('f');
  if (opts.path) control.dataset.path = opts.path;
  const hint = opts.hint ? h('div.muted', { id: uid('hint'), text: opts.hint }) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return h('div.field', h('label', { for: control.id, text: label }), control, hint);
}

export const fmt = {
  n: v => (v === null || v === undefined ? '–' : Number(v).toLocaleString()),
  money: v => (v === null || v === undefined ? '–' : Number(v).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
  pct: v => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`),
  date: v => (v ? new Date(v).toLocaleString() : '–'),
  day: v => (v ? new Date(v).toLocaleDateString() : '–'),
};

export function badge(status) { return h(`span.badge.${String(status).replace(/[^a-z-]/gi, '')}`, { text: status }); }

export function progress(done, total, label) {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  const bar = h('span');
  bar.style.width = `${pct.toFixed(1)}%`;
  return h('div.progress', { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(pct), 'aria-label': label || 'progress' }, bar);
}

export function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

export function toast(msg) {
  const el = document.getElementById('toast');
  el.textContent = msg;
  clearTimeout(toast.t);
  toast.t = setTimeout(() => { el.textContent = ''; }, 5000);
}

/** An alert describing an API error, with each {path, message}. */
export function problemBox(err, title) {
  const items = (err.errors || []).map(e => h('li', e.path ? h('code', { text: e.path }) : null, e.path ? ': ' : '', e.message));
  return h('div.alert.bad', { role: 'alert' }, h('strong', { text: title || err.problem?.title || 'Something went wrong' }),
    ' ', err.message && err.message !== title ? err.message : '', items.length ? h('ul', items) : null);
}

/**
 * Shows an API error on a form: each {path, message} next to the control whose data-path matches (or the
 * closest parent path), the rest in a box at the top. Clears earlier errors.
 */
export function showErrors(form, err, box) {
  clearErrors(form);
  const controls = [...form.querySelectorAll('[data-path]')];
  const leftover = [];
  for (const e of err.errors || []) {
    const path = e.path || '';
    const c = controls.find(x => x.dataset.path === path)
      || controls.filter(x => x.dataset.path && path.startsWith(`${x.dataset.path}/`)).sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
    if (!c) { leftover.push(e); continue; }
    c.setAttribute('aria-invalid', 'true');
    const msg = h('div.err', { id: uid('err'), 'data-error': '1', text: c.dataset.path === path ? e.message : `${path}: ${e.message}` });
    c.setAttribute('aria-describedby', [c.getAttribute('aria-describedby'), msg.id].filter(Boolean).join(' '));
    (c.closest('.field') || c.parentElement).append(msg);
  }
  if (box) {
    if (leftover.length || !(err.errors || []).length) clear(box, problemBox({ ...err, errors: leftover, message: err.message }));
    else clear(box);
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

export function clearErrors(form) {
  form.querySelectorAll('[data-error]').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(c => {
    c.removeAttribute('aria-invalid');
    const ids = (c.getAttribute('aria-describedby') || '').split(' ').filter(i => i && document.getElementById(i));
    if (ids.length) c.setAttribute('aria-describedby', ids.join(' ')); else c.removeAttribute('aria-describedby');
  });
}

/** A table: cols = [{label, num?, cell: row => content}] */
export function table(caption, cols, rows, empty) {
  if (!rows.length) return h('p.muted', { text: empty || 'Nothing here yet.' });
  return h('div.scroll', h('table',
    h('caption.sr', { text: caption }),
    h('thead', h('tr', cols.map(c => h(c.num ? 'th.num' : 'th', { scope: 'col', text: c.label })))),
    h('tbody', rows.map(r => h('tr', cols.map(c => h(c.num ? 'td.num' : 'td', c.cell(r))))))));
}

/** Cursor paging controls over load(cursor) -> {items, next}; render(items). */
export function pager(load, render, label) {
  const stack = [];
  let current = null;
  let next = null;
  const status = h('span.muted', { 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', text: 'Previous', disabled: true, on: { click: () => go(stack.pop(), true) } });
  const nextBtn = h('button', { type: 'button', text: 'Next', disabled: true, on: { click: () => { stack.push(current); go(next); } } });
  const el = h('div.pager', { role: 'navigation', 'aria-label': `${label} pages` }, prev, nextBtn, status);
  async function go(cursor) {
    prev.disabled = nextBtn.disabled = true;
    try {
      const p = await load(cursor);
      current = cursor; next = p.next;
      render(p.items);
      status.textContent = `Page ${stack.length + 1}${p.items.length ? '' : ' (empty)'}`;
      prev.disabled = stack.length === 0;
      nextBtn.disabled = !next;
    } catch (e) {
      render(null, e);
      prev.disabled = stack.length === 0;
    }
  }
  return { el, reload: () => { stack.length = 0; return go(null); }, refresh: () => go(current) };
}

/** Loads a classic script once (the chart library). */
export function loadScript(src) {
  loadScript.cache = loadScript.cache || {};
  return loadScript.cache[src] || (loadScript.cache[src] = new Promise((ok, fail) => {
    document.head.append(h('script', { src, on: { load: ok, error: () => fail(new Error(`could not load ${src}`)) } }));
  }));
}

export function loadStyle(href) {
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(h('link', { rel: 'stylesheet', href }));
}

/** A heading row: title and actions. */
export function header(title, ...actions) {
  return h('div.spread', h('h1', { text: title, tabindex: -1 }), h('div.row', actions));
}
