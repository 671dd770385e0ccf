import { api, page } from '../api.js';
import { h, clear, fmt, table, pager, problemBox, header } from '../ui.js';

export async function render(main) {
  const list = h('div');
  const p = pager(async cursor => {
    const r = await api('GET', `/api/segments?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    return { items: r.segments, next: r.nextCursor };
  }, (items, err) => {
    if (err) { clear(list, problemBox(err)); return; }
    clear(list, table('Segments', [
      { label: 'Segment', cell: s => h('a', { href: `#/segments/${s.id}`, text: s.name }) },
      { label: 'Rule', cell: s => h('code', { text: s.dsl }) },
      { label: 'Customers (when saved)', num: true, cell: s => fmt.n(s.customerCount) },
      { label: 'Created', cell: s => fmt.date(s.createdAt) },
    ], items, 'No segments yet.'));
  }, 'Segments');
  main.append(header('Segments', h('a.button.primary', { href: '#/segments/new', text: 'New segment' })), list, p.el);
  await p.reload();
}
