import { api, page, ApiError } from '../api.js';
import { h, clear, fmt, field, problemBox, showErrors, clearErrors, debounce, table, pager, header, uid } from '../ui.js';
import { renderTree, rootFrom, toCanonical, group, cond } from './rule-tree.js';

let fieldsCache = null;

export async function render(main, { id, query }) {
  fieldsCache = fieldsCache || await api('GET', '/api/rules/fields');
  const fields = fieldsCache;
  let saved = null;
  if (id) {
    try { saved = await api('GET', `/api/segments/${id}`); } catch (e) { main.append(h('h1', { text: 'Segment', tabindex: -1 }), problemBox(e)); return; }
  }
  let source = saved;
  if (!saved && query.get('from')) source = await api('GET', `/api/segments/${query.get('from')}`).catch(() => null);
  const readOnly = !!saved;
  let root = source ? rootFrom(source.rules) : group('and', [cond('totalSpent', 'gt', 10000)]);

  const treeEl = h('div.tree');
  const dsl = h('textarea.dsl', { spellcheck: false, readOnly, 'data-path': '/rules/dsl', value: source ? source.dsl : '' });
  dsl.id = uid('dsl');
  const dslErr = h('div', { id: uid('dslerr'), 'aria-live': 'polite' });
  dsl.setAttribute('aria-describedby', dslErr.id);
  const count = h('div.count', { 'aria-live': 'polite', 'aria-atomic': 'true', id: 'live-count', text: '–' });
  const countNote = h('div.muted');
  const sample = h('ul.sample');
  const formBox = h('div');
  const name = h('input.wide', { required: true, value: saved ? saved.name : source ? `${source.name} (copy)` : '' });
  const description = h('input.wide', { value: source ? source.description || '' : '' });
  let seq = 0;
  let canonical = toCanonical(root);

  // the tree changed: its canonical JSON -> DSL text and a live count
  const fromTree = debounce(async () => {
    canonical = toCanonical(root);
    const mine = ++seq;
    clearErrors(treeEl);
    const started = performance.now();
    try {
      const [parsed] = await Promise.all([api('POST', '/api/rules/parse', { rules: canonical }), preview(canonical, mine, started)]);
      if (mine !== seq) return;
      if (document.activeElement !== dsl) dsl.value = parsed.dsl;
      dsl.removeAttribute('aria-invalid');
      clear(dslErr);
    } catch (e) { if (mine === seq) treeProblems(e); }
  }, 200);

  // the text changed: parse it, rebuild the tree, count
  const fromText = debounce(async () => {
    const mine = ++seq;
    const started = performance.now();
    try {
      const parsed = await api('POST', '/api/rules/parse', { rules: { dsl: dsl.value } });
      if (mine !== seq) return;
      dsl.removeAttribute('aria-invalid');
      clear(dslErr);
      canonical = parsed.rules;
      root = rootFrom(parsed.rules);
      draw();
      await preview(canonical, mine, started);
    } catch (e) {
      if (mine !== seq) return;
      dsl.setAttribute('aria-invalid', 'true');
      clear(dslErr, h('div.err', { role: 'alert' }, (e.errors && e.errors.length ? e.errors : [{ path: '', message: e.message }])
        .map(x => h('div', { text: x.message }))));
      count.textContent = '–';
    }
  }, 250);

  async function preview(rules, mine, started) {
    countNote.textContent = 'counting…';
    const p = await api('POST', '/api/segments/preview', { rules });
    if (mine !== seq) return;
    count.textContent = `${fmt.n(p.count)} customers`;
    count.dataset.count = p.count;
    countNote.textContent = `${fmt.n(p.reachable)} reachable (not opted out) · counted in ${Math.round(performance.now() - started)} ms`;
    clear(sample, p.sample.map(c => h('li', h('a', { href: `#/customers/${c.id}`, text: c.email }), c.name ? ` · ${c.name}` : '',
      c.city ? ` · ${c.city}` : '', ` · spent ${fmt.money(c.totalSpent)}`)));
    if (!p.sample.length) clear(sample, h('li.muted', { text: 'No customer matches.' }));
  }

  function treeProblems(e) {
    const paths = opts.paths;
    const leftover = [];
    for (const x of e.errors || []) {
      let p = x.path;
      while (p && !paths.has(p)) p = p.slice(0, p.lastIndexOf('/'));
      const el = p && paths.get(p);
      if (!el) { leftover.push(x); continue; }
      const target = el.matches('input,select') ? el : el;
      target.setAttribute('aria-invalid', 'true');
      const msg = h('div.err', { 'data-error': '1', id: uid('err'), text: x.message });
      (el.closest('.cond') || el).append(msg);
      if (el.matches('input,select')) el.setAttribute('aria-describedby', msg.id);
    }
    count.textContent = '–';
    countNote.textContent = 'the rule is not complete yet';
    if (leftover.length || !(e.errors || []).length) clear(dslErr, problemBox({ ...e, errors: leftover }));
  }

  const opts = { readOnly, paths: new Map() };
  function draw() { renderTree(treeEl, root, fields, fromTree, opts); }
  draw();
  if (!readOnly) dsl.addEventListener('input', fromText);

  const form = h('form', { novalidate: true, on: { submit: async ev => {
    ev.preventDefault();
    clearErrors(form);
    try {
      const s = await api('POST', '/api/segments', { name: name.value.trim(), description: description.value.trim() || undefined, rules: toCanonical(root) });
      location.hash = `#/segments/${s.id}`;
    } catch (e) {
      showErrors(form, e, formBox);
      if ((e.errors || []).some(x => x.path.startsWith('/rules'))) treeProblems(e);
    }
  } } });

  const builder = h('div.grid.two',
    h('section.panel', { 'aria-labelledby': 'tree-h' }, h('h2#tree-h', { text: 'Rule (visual)' }), treeEl),
    h('section.panel', { 'aria-labelledby': 'dsl-h' }, h('h2#dsl-h', { text: 'Rule (text)' }),
      h('label', { for: dsl.id, text: 'DSL' }), dsl, dslErr,
      h('p.muted', 'e.g. ', h('code', { text: 'totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days)' }))));
  const live = h('section.panel', { 'aria-labelledby': 'live-h' }, h('h2#live-h', { text: readOnly ? 'Audience now' : 'Live audience' }),
    count, countNote, h('h3', { text: 'Sample' }), sample);

  if (readOnly) {
    const members = h('div');
    const mp = pager(cursor => page(`/api/segments/${id}/customers`, { limit: 25, cursor }), (items, err) => {
      if (err) { clear(members, problemBox(err)); return; }
      clear(members, table('Members', [
        { label: 'E-mail', cell: c => h('a', { href: `#/customers/${c.id}`, text: c.email }) },
        { label: 'Name', cell: c => c.name || '–' },
        { label: 'Total spent', num: true, cell: c => fmt.money(c.totalSpent) },
      ], items, 'No members right now.'));
    }, 'Members');
    main.append(header(saved.name, h('a.button', { href: `#/segments/new?from=${id}`, text: 'Duplicate and edit' }),
      h('a.button.primary', { href: `#/campaigns/new?segment=${id}`, text: 'New campaign for this segment' })),
    saved.description ? h('p', { text: saved.description }) : null,
    h('p.muted', { text: `Created ${fmt.date(saved.createdAt)}${saved.createdBy ? ` by ${saved.createdBy}` : ''}; ${fmt.n(saved.customerCount)} customers when saved.` }),
    builder, live, h('section.panel', { 'aria-labelledby': 'mem-h' }, h('h2#mem-h', { text: 'Members' }), members, mp.el));
    fromTree();
    await mp.reload();
    return;
  }

  // AI: plain English -> a rule shown for review before it replaces the current one
  const describe = h('textarea', { rows: 2, placeholder: 'e.g. big spenders in Pune who have not ordered for 3 months', 'data-path': '/description' });
  const aiOut = h('div', { 'aria-live': 'polite' });
  const aiForm = h('form', { on: { submit: async ev => {
    ev.preventDefault();
    clear(aiOut, h('p.muted', { text: 'Asking the assistant…' }));
    try {
      const r = await api('POST', '/api/ai/segment-rules', { description: describe.value });
      clear(aiOut, h('div.alert.info', h('strong', { text: 'Suggested rule (review it before using it)' }), h('pre', { text: r.dsl }),
        h('p', { text: `${fmt.n(r.count)} customers match · source: ${r.source}${r.repaired ? ' (repaired)' : ''}` }),
        h('div.row', h('button.primary', { type: 'button', text: 'Use this rule', on: { click: () => {
          root = rootFrom(r.rules); dsl.value = r.dsl; draw(); fromTree(); clear(aiOut); treeEl.querySelector('select')?.focus();
        } } }), h('button', { type: 'button', text: 'Discard', on: { click: () => clear(aiOut) } }))));
    } catch (e) { clear(aiOut, problemBox(e, 'No rule came out of that')); }
  } } }, field('Describe the audience in plain English', describe), h('button', { type: 'submit', text: 'Suggest a rule' }), aiOut);

  form.append(formBox, h('div.row', h('div.grow', field('Segment name', name, { path: '/name' })),
    h('div.grow', field('Description (optional)', description, { path: '/description' })),
    h('div.field', h('button.primary', { type: 'submit', text: 'Save segment' }))));
  main.append(header('New segment'), h('section.panel', { 'aria-labelledby': 'ai-h' }, h('h2#ai-h', { text: 'Ask the assistant' }), aiForm),
    builder, live, h('section.panel', { 'aria-labelledby': 'save-h' }, h('h2#save-h', { text: 'Save' }), form));
  fromTree();
}
