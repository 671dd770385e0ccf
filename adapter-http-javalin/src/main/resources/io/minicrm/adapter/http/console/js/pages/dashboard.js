import { api, page } from '../api.js';
import { h, clear, fmt, badge, progress, table, problemBox } from '../ui.js';

export async function render(main) {
  const cards = h('div.grid.cards', { 'aria-label': 'Totals', role: 'group' });
  const sending = h('div');
  const recent = h('div');
  const rate = h('span', { text: '–' });
  main.append(h('h1', { text: 'Dashboard', tabindex: -1 }), cards,
    h('section.panel', { 'aria-labelledby': 'sending-h' }, h('div.spread', h('h2#sending-h', { text: 'Sending now' }),
      h('span.muted', 'Messages finished per second: ', rate)), sending),
    h('section.panel', { 'aria-labelledby': 'recent-h' }, h('div.spread', h('h2#recent-h', { text: 'Recent campaigns' }),
      h('a.button.primary', { href: '#/campaigns/new', text: 'New campaign' })), recent));

  let last = null;
  let timer = null;
  let stopped = false;
  async function tick() {
    try {
      const o = await api('GET', '/api/overview');
      clear(cards, [['Customers', o.customers, '#/customers'], ['Orders', o.orders, null], ['Segments', o.segments, '#/segments'],
        ['Campaigns', o.campaigns, '#/campaigns']].map(([l, n, href]) =>
        h('div.card', h('div.n', href ? h('a', { href, text: fmt.n(n) }) : fmt.n(n)), h('div.l', { text: l }))));
      const done = o.sending.reduce((s, c) => s + c.stats.sent + c.stats.failed, 0);
      const now = performance.now();
      if (last && o.sending.length) rate.textContent = fmt.n(Math.max(0, Math.round((done - last.done) / ((now - last.at) / 1000))));
      else if (!o.sending.length) rate.textContent = '0';
      last = { done, at: now };
      clear(sending, o.sending.length ? table('Campaigns sending now', [
        { label: 'Campaign', cell: c => h('a', { href: `#/campaigns/${c.id}`, text: c.name }) },
        { label: 'Progress', cell: c => progress(c.stats.sent + c.stats.failed + c.stats.cancelled + c.stats.skipped, c.stats.audience, `${c.name} progress`) },
        { label: 'Sent', num: true, cell: c => fmt.n(c.stats.sent) },
        { label: 'Failed', num: true, cell: c => fmt.n(c.stats.failed) },
        { label: 'Audience', num: true, cell: c => fmt.n(c.stats.audience) },
      ], o.sending) : h('p.muted', { text: 'No campaign is sending right now.' }));
      if (!stopped) timer = setTimeout(tick, o.sending.length ? 2000 : 10000);
    } catch (e) {
      clear(sending, problemBox(e));
    }
  }
  await tick();
  try {
    const p = await page('/api/campaigns', { limit: 8 });
    clear(recent, table('Recent campaigns', [
      { label: 'Campaign', cell: c => h('a', { href: `#/campaigns/${c.id}`, text: c.name }) },
      { label: 'Status', cell: c => badge(c.status) },
      { label: 'Audience', num: true, cell: c => fmt.n(c.stats.audience) },
      { label: 'Delivery rate', num: true, cell: c => fmt.pct(c.stats.sent + c.stats.failed ? c.deliveryRate : NaN) },
      { label: 'Created', cell: c => fmt.date(c.createdAt) },
    ], p.items, 'No campaigns yet.'));
  } catch (e) { clear(recent, problemBox(e)); }
  return () => { stopped = true; clearTimeout(timer); };
}
