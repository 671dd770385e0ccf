import { api, page, upload } from '../api.js';
import { h, clear, fmt, table, pager, debounce, field, problemBox, header } from '../ui.js';
import { customerForm } from './customer-form.js';

export async function render(main, { query }) {
  const q = h('input.wide', { type: 'search', value: query.get('q') || '', placeholder: 'e.g. ada@ or Lovelace', autocomplete: 'off' });
  const size = h('select', [25, 50, 100, 250].map(n => h('option', { value: n, text: n, selected: n === 50 })));
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' });
  const timing = h('span.muted');
  const p = pager(async cursor => {
    results.setAttribute('aria-busy', 'true');
    const t0 = performance.now();
    const r = await page('/api/customers', { q: q.value.trim(), limit: size.value, cursor });
    timing.textContent = `${r.items.length} shown · ${Math.round(performance.now() - t0)} ms`;
    return r;
  }, (items, err) => {
    results.setAttribute('aria-busy', 'false');
    if (err) { clear(results, problemBox(err)); return; }
    clear(results, table('Customers', [
      { label: 'E-mail', cell: c => h('a', { href: `#/customers/${c.id}`, text: c.email }) },
      { label: 'Name', cell: c => c.name || '–' },
      { label: 'City', cell: c => c.city || '–' },
      { label: 'Total spent', num: true, cell: c => fmt.money(c.totalSpent) },
      { label: 'Orders', num: true, cell: c => fmt.n(c.orderCount) },
      { label: 'Last order', cell: c => fmt.day(c.lastOrderAt) },
    ], items, q.value.trim() ? 'No customer matches this search.' : 'No customers yet: add one or import a CSV.'));
  }, 'Customer list');
  const search = debounce(() => p.reload(), 250);
  q.addEventListener('input', search);
  size.addEventListener('change', () => p.reload());

  const addDialog = h('dialog', { 'aria-labelledby': 'add-h' });
  const addBtn = h('button.primary', { type: 'button', text: 'Add customer', on: { click: () => {
    clear(addDialog, h('h2#add-h', { text: 'Add a customer' }), customerForm(null, c => { addDialog.close(); if (c.id) location.hash = `#/customers/${c.id}`; else p.reload(); }, () => addDialog.close()));
    addDialog.showModal();
  } } });

  main.append(header('Customers', addBtn),
    h('section.panel', { 'aria-label': 'Search' }, h('div.row',
      h('div.grow', field('Search by e-mail or name', q)), field('Per page', size)), timing),
    results, p.el, importPanel(() => p.reload()), addDialog);
  await p.reload();
}

function importPanel(onDone) {
  const file = h('input', { type: 'file', accept: '.csv,text/csv', required: true });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const out = h('div');
  const form = h('form', { on: { submit: async ev => {
    ev.preventDefault();
    const f = file.files[0];
    if (!f) return;
    const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Upload progress' });
    const label = h('span', { text: 'Uploading…' });
    clear(status, h('div.row', bar, label));
    clear(out);
    const started = performance.now();
    try {
      const r = await upload('/api/customers/import', f, 'text/csv', (loaded, total) => {
        bar.value = total ? Math.round((100 * loaded) / total) : 0;
        label.textContent = loaded >= total ? 'Uploaded; the server is writing the rows…' : `Uploading ${fmt.n(loaded)} of ${fmt.n(total)} bytes`;
      });
      bar.value = 100;
      clear(status, h('div.alert', { class: r.rejectedCount ? 'alert info' : 'alert ok' },
        `Imported ${fmt.n(r.accepted)} of ${fmt.n(r.rows)} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        r.rejectedCount ? `; ${fmt.n(r.rejectedCount)} rows were rejected (nothing written for them).` : '.'));
      if (r.rejected && r.rejected.length) {
        const rows = r.rejected.flatMap(rej => rej.errors.map(e => ({ index: rej.index, ...e })));
        clear(out, h('h3', { text: 'Rejected rows' }), table('Rejected rows', [
          { label: 'Row (first data row is 0)', num: true, cell: e => String(e.index) },
          { label: 'Field', cell: e => h('code', { text: e.path }) },
          { label: 'Problem', cell: e => e.message },
        ], rows), r.rejectedTruncated ? h('p.muted', { text: 'Only the first rejections are listed.' }) : null);
      }
      onDone();
    } catch (e) {
      clear(status, problemBox(e, 'The import stopped'));
    }
  } } }, h('div.row', h('div.grow', field('CSV file', file, { hint: 'Header row first: email, name, phone, city, tags, visits, optedOut, totalSpent, … and attributes.<key>.' })),
    h('div.field', h('button.primary', { type: 'submit', text: 'Import' }))), status, out);
  return h('section.panel', { 'aria-labelledby': 'import-h' }, h('h2#import-h', { text: 'Import customers from CSV' }), form);
}
