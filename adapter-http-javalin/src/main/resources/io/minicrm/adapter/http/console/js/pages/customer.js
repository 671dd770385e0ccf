import { api, page } from '../api.js';
import { h, clear, fmt, badge, table, pager, problemBox, header, toast } from '../ui.js';
import { customerForm } from './customer-form.js';

export async function render(main, { id }) {
  let c;
  try { c = await api('GET', `/api/customers/${id}`); } catch (e) { main.append(h('h1', { text: 'Customer', tabindex: -1 }), problemBox(e)); return; }
  const profile = h('div');
  const edit = h('dialog', { 'aria-labelledby': 'edit-h' });
  const editBtn = h('button', { type: 'button', text: 'Edit', on: { click: () => {
    clear(edit, h('h2#edit-h', { text: `Edit ${c.email}` }), customerForm(c, async () => {
      edit.close(); c = await api('GET', `/api/customers/${id}`); show(); toast('Saved.');
    }, () => edit.close()));
    edit.showModal();
  } } });
  function show() {
    const attrs = Object.entries(c.attributes || {});
    clear(profile, h('dl.kv',
      [['E-mail', c.email], ['Name', c.name], ['Phone', c.phone], ['City', c.city], ['Tags', (c.tags || []).join(', ') || '–'],
        ['Visits', fmt.n(c.visits)], ['Total spent', fmt.money(c.totalSpent)], ['Orders', fmt.n(c.orderCount)],
        ['First order', fmt.date(c.firstOrderAt)], ['Last order', fmt.date(c.lastOrderAt)], ['Last active', fmt.date(c.lastActiveAt)],
        ['Opted out', c.optedOut ? 'yes' : 'no'], ['Customer since', fmt.date(c.createdAt)],
        ...attrs.map(([k, v]) => [`attributes.${k}`, String(v)])]
        .flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v ?? '–' })])));
  }
  show();
  const orders = h('div');
  const ordersPager = pager(cursor => page('/api/orders', { customerId: id, limit: 20, cursor }), (items, err) => {
    if (err) { clear(orders, problemBox(err)); return; }
    clear(orders, table('Orders', [
      { label: 'Order', cell: o => h('code', { text: o.orderId || o.id }) },
      { label: 'Date', cell: o => fmt.date(o.orderedAt) },
      { label: 'Status', cell: o => badge(o.status) },
      { label: 'Amount', num: true, cell: o => `${fmt.money(o.amount)} ${o.currency || ''}` },
    ], items, 'No orders yet.'));
  }, 'Orders');
  const messages = h('div');
  const msgPager = pager(cursor => page(`/api/customers/${id}/messages`, { limit: 20, cursor }), (items, err) => {
    if (err) { clear(messages, problemBox(err)); return; }
    clear(messages, table('Messages', [
      { label: 'Campaign', cell: m => h('a', { href: `#/campaigns/${m.campaignId}`, text: m.campaignName || m.campaignId }) },
      { label: 'Status', cell: m => badge(m.status) },
      { label: 'Handed to vendor', cell: m => fmt.date(m.dispatchedAt) },
      { label: 'Finished', cell: m => fmt.date(m.finishedAt) },
      { label: 'Reason', cell: m => m.reason || '' },
    ], items, 'No messages sent to this customer yet.'));
  }, 'Messages');
  main.append(header(c.name || c.email, editBtn),
    h('div.grid.two', h('section.panel', { 'aria-labelledby': 'p-h' }, h('h2#p-h', { text: 'Profile' }), profile),
      h('section.panel', { 'aria-labelledby': 'm-h' }, h('h2#m-h', { text: 'Messages received' }), messages, msgPager.el)),
    h('section.panel', { 'aria-labelledby': 'o-h' }, h('h2#o-h', { text: 'Orders' }), orders, ordersPager.el), edit);
  await Promise.all([ordersPager.reload(), msgPager.reload()]);
}
