import { api, page, download } from '../api.js';
import { h, clear, fmt, badge, progress, table, pager, problemBox, header, loadScript, loadStyle, field, toast } from '../ui.js';

const UPLOT = document.querySelector('meta[name="minicrm-uplot"]').content;
const LIVE = new Set(['sending', 'scheduled']);

export async function render(main, { id }) {
  let c;
  try { c = await api('GET', `/api/campaigns/${id}`); } catch (e) { main.append(h('h1', { text: 'Campaign', tabindex: -1 }), problemBox(e)); return; }
  const statusEl = h('span');
  const counters = h('div.grid.cards', { role: 'group', 'aria-label': 'Counters' });
  const bar = h('div');
  const actions = h('div.row');
  const info = h('p.muted');
  const chartBox = h('div.chart', { role: 'img', 'aria-label': 'Messages over time' });
  const chartTable = h('div');
  const actionBox = h('div');
  let stopped = false;
  let timer = null;
  let plot = null;

  function show() {
    const s = c.stats;
    clear(statusEl, badge(c.status));
    clear(counters, [['Audience', s.audience], ['Pending', s.pending], ['Sent', s.sent], ['Failed', s.failed], ['Skipped', s.skipped],
      ['Cancelled', s.cancelled], ['Retries', s.retries]].map(([l, n]) => h('div.card', h('div.n', { text: fmt.n(n), 'data-counter': l.toLowerCase() }), h('div.l', { text: l })))
      .concat(h('div.card', h('div.n', { text: fmt.pct(s.sent + s.failed ? c.deliveryRate : NaN) }), h('div.l', { text: 'Delivery rate' }))));
    clear(bar, progress(s.sent + s.failed + s.cancelled + s.skipped, s.audience, 'Campaign progress'));
    clear(info, `Segment `, c.segment ? h('a', { href: `#/segments/${c.segment.id}`, text: c.segment.name }) : '–',
      ` · created ${fmt.date(c.createdAt)}`, c.scheduledAt ? ` · scheduled for ${fmt.date(c.scheduledAt)}` : '',
      c.startedAt ? ` · started ${fmt.date(c.startedAt)}` : '', c.completedAt ? ` · completed ${fmt.date(c.completedAt)}` : '',
      c.statusReason ? ` · ${c.statusReason}` : '');
    const btns = [];
    if (c.status === 'draft' || c.status === 'scheduled') btns.push(h('button.primary', { type: 'button', text: 'Send now', on: { click: () => act('send') } }));
    if (['draft', 'scheduled', 'sending'].includes(c.status)) btns.push(h('button.danger', { type: 'button', text: 'Cancel campaign', on: { click: () => act('cancel') } }));
    clear(actions, btns);
  }

  async function act(what) {
    if (what === 'cancel' && !confirm(`Cancel "${c.name}"? Messages not sent yet will not be sent.`)) return;
    try {
      if (what === 'send') await api('POST', '/api/send', { campaignId: id });
      else await api('POST', `/api/campaigns/${id}/cancel`);
      toast(what === 'send' ? 'Sending started.' : 'Campaign cancelled.');
      clear(actionBox);
      await poll(true);
    } catch (e) { clear(actionBox, problemBox(e)); }
  }

  let lastChart = 0;
  async function poll(force) {
    try {
      c = await api('GET', `/api/campaigns/${id}`);
      show();
      if (force || LIVE.has(c.status) || !lastChart) {
        if (force || performance.now() - lastChart > 15000) { lastChart = performance.now(); await chart(); }
      }
    } catch (e) { clear(actionBox, problemBox(e)); }
    if (!stopped && LIVE.has(c.status)) timer = setTimeout(poll, 1500);
    else if (!stopped && c.status !== 'draft' && !poll.final) { poll.final = true; await chart(); log.reload(); }
  }

  async function chart() {
    const t = await api('GET', `/api/campaigns/${id}/timeline`);
    if (!t.buckets.length) { clear(chartBox, h('p.muted', { text: 'Nothing sent yet.' })); clear(chartTable); return; }
    const step = t.bucketSeconds;
    const start = Date.parse(t.buckets[0].start) / 1000;
    const end = Math.max(Date.parse(t.to) / 1000, Date.parse(t.buckets[t.buckets.length - 1].start) / 1000);
    const by = new Map(t.buckets.map(b => [Date.parse(b.start) / 1000, b]));
    const xs = []; const d = []; const s = []; const f = [];
    // a zero bucket either side, so a short campaign still spans a readable time axis
    for (let x = start - step; x <= Math.max(end, start) + step + 0.001; x += step) {
      const b = by.get(x) || { dispatched: 0, sent: 0, failed: 0 };
      xs.push(x); d.push(b.dispatched); s.push(b.sent); f.push(b.failed);
    }
    chartBox.setAttribute('aria-label', `Messages per ${step} s: ${fmt.n(d.reduce((a, b) => a + b, 0))} handed to the vendor, ${fmt.n(s.reduce((a, b) => a + b, 0))} delivered, ${fmt.n(f.reduce((a, b) => a + b, 0))} failed`);
    clear(chartTable, h('details', h('summary', { text: 'Chart data as a table' }), table('Messages over time', [
      { label: 'From', cell: b => fmt.date(b.start) }, { label: 'Handed over', num: true, cell: b => fmt.n(b.dispatched) },
      { label: 'Delivered', num: true, cell: b => fmt.n(b.sent) }, { label: 'Failed', num: true, cell: b => fmt.n(b.failed) }], t.buckets)));
    try {
      loadStyle(`${UPLOT}uPlot.min.css`);
      await loadScript(`${UPLOT}uPlot.iife.min.js`);
    } catch (e) { clear(chartBox, h('p.muted', { text: 'The chart library could not be loaded; the table below has the data.' })); return; }
    const data = [xs, d, s, f];
    const width = Math.max(280, chartBox.clientWidth || 600);
    if (plot && plot.width === width) { plot.setData(data); return; }
    if (plot) plot.destroy();
    clear(chartBox);
    plot = new window.uPlot({ width, height: 240, scales: { x: { time: true } },
      axes: [{}, { label: `messages per ${step} s` }],
      series: [{}, { label: 'Handed over', stroke: '#1d4ed8', width: 2 }, { label: 'Delivered', stroke: '#166534', width: 2 },
        { label: 'Failed', stroke: '#b91c1c', width: 2 }] }, data, chartBox);
  }

  // the delivery log
  const status = h('select', ['', 'pending', 'sent', 'failed', 'skipped', 'cancelled'].map(s => h('option', { value: s, text: s || 'any status' })));
  const logEl = h('div');
  const log = pager(cursor => page(`/api/campaigns/${id}/deliveries`, { status: status.value, limit: 50, cursor }), (items, err) => {
    if (err) { clear(logEl, problemBox(err)); return; }
    clear(logEl, table('Delivery log', [
      { label: 'Customer', cell: d => h('a', { href: `#/customers/${d.customerId}`, text: d.customerId }) },
      { label: 'Status', cell: d => badge(d.status) },
      { label: 'Attempt', num: true, cell: d => String(d.attempt) },
      { label: 'Handed over', cell: d => fmt.date(d.dispatchedAt) },
      { label: 'Finished', cell: d => fmt.date(d.finishedAt) },
      { label: 'Reason', cell: d => d.reason || '' },
    ], items, 'No deliveries with this status.'));
  }, 'Delivery log');
  status.addEventListener('change', () => log.reload());
  const exportOut = h('span', { role: 'status' });
  const exportBtn = h('button', { type: 'button', text: 'Export CSV', on: { click: async () => {
    exportOut.textContent = 'Exporting…';
    try {
      const q = status.value ? `&status=${status.value}` : '';
      const bytes = await download(`/api/campaigns/${id}/deliveries?format=csv${q}`, `campaign-${id}-deliveries.csv`);
      exportOut.textContent = `Exported (${fmt.n(bytes)} bytes).`;
    } catch (e) { exportOut.textContent = ''; clear(logEl, problemBox(e)); }
  } } });

  // AI summary
  const summaryOut = h('div', { 'aria-live': 'polite' });
  const summaryBtn = h('button', { type: 'button', text: 'Summarise with AI', on: { click: async () => {
    clear(summaryOut, h('p.muted', { text: 'Asking the assistant…' }));
    try {
      const s = await api('POST', '/api/ai/summary', { campaignId: id });
      clear(summaryOut, h('p', { text: s.summary }), h('p.muted', { text: `source: ${s.source}` }));
    } catch (e) { clear(summaryOut, problemBox(e)); }
  } } });

  main.append(header(c.name, statusEl, actions), info, actionBox,
    h('section.panel', { 'aria-labelledby': 'msg-h' }, h('h2#msg-h', { text: 'Message' }), h('pre', { text: c.message })),
    bar, counters,
    h('section.panel', { 'aria-labelledby': 'ch-h' }, h('h2#ch-h', { text: 'Sends, deliveries and failures over time' }), chartBox, chartTable),
    h('section.panel', { 'aria-labelledby': 'log-h' }, h('div.spread', h('h2#log-h', { text: 'Delivery log' }), h('div.row', exportBtn, exportOut)),
      field('Status', status), logEl, log.el),
    h('section.panel', { 'aria-labelledby': 'sum-h' }, h('h2#sum-h', { text: 'AI summary' }), summaryBtn, summaryOut));
  show();
  await Promise.all([log.reload(), poll()]);
  return () => { stopped = true; clearTimeout(timer); if (plot) plot.destroy(); };
}
