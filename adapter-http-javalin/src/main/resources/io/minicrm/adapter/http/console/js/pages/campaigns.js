import { page } from '../api.js';
import { h, clear, fmt, badge, progress, table, pager, problemBox, header } from '../ui.js';

export async function render(main) {
  const list = h('div');
  let timer = null;
  const p = pager(cursor => page('/api/campaigns', { limit: 25, cursor }), (items, err) => {
    if (err) { clear(list, problemBox(err)); return; }
    clear(list, table('Campaigns', [
      { label: 'Campaign', cell: c => h('a', { href: `#/campaigns/${c.id}`, text: c.name }) },
      { label: 'Segment', cell: c => (c.segment ? h('a', { href: `#/segments/${c.segment.id}`, text: c.segment.name }) : '–') },
      { label: 'Status', cell: c => badge(c.status) },
      { label: 'Progress', cell: c => progress(c.stats.sent + c.stats.failed + c.stats.cancelled + c.stats.skipped, c.stats.audience, `${c.name} progress`) },
      { label: 'Audience', num: true, cell: c => fmt.n(c.stats.audience) },
      { label: 'Sent', num: true, cell: c => fmt.n(c.stats.sent) },
      { label: 'Failed', num: true, cell: c => fmt.n(c.stats.failed) },
      { label: 'Created', cell: c => fmt.date(c.createdAt) },
    ], items, 'No campaigns yet.'));
    clearTimeout(timer);
    if (items.some(c => c.status === 'sending')) timer = setTimeout(() => p.refresh(), 3000);
  }, 'Campaigns');
  main.append(header('Campaigns', h('a.button.primary', { href: '#/campaigns/new', text: 'New campaign' })), list, p.el);
  await p.reload();
  return () => clearTimeout(timer);
}
