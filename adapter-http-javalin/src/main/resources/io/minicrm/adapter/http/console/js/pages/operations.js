import { api, ApiError } from '../api.js';
import { h, clear, fmt, badge, table, problemBox, field, header } from '../ui.js';

export async function render(main) {
  const health = h('div');
  const dead = h('div');
  const topic = h('select', ['', 'deliveries', 'receipts', 'ingest'].map(t => h('option', { value: t, text: t || 'all topics' })));
  const ingId = h('input', { placeholder: 'tracking id from a 202 answer', 'data-path': '{id}' });
  const ingOut = h('div');
  async function checkHealth() {
    const rows = [];
    for (const path of ['/health', '/ready']) {
      const started = performance.now();
      try {
        const r = await fetch(path);
        const body = await r.json().catch(() => ({}));
        rows.push({ path, ok: r.ok, status: r.status, ms: Math.round(performance.now() - started), checks: body.checks });
      } catch (e) { rows.push({ path, ok: false, status: 0, ms: 0 }); }
    }
    clear(health, table('Health', [
      { label: 'Check', cell: r => h('code', { text: r.path }) },
      { label: 'Result', cell: r => badge(r.ok ? 'done' : 'failed') },
      { label: 'HTTP', num: true, cell: r => String(r.status) },
      { label: 'Time', num: true, cell: r => `${r.ms} ms` },
      { label: 'Details', cell: r => (r.checks ? Object.entries(r.checks).map(([k, v]) => `${k}: ${v ? 'up' : 'DOWN'}`).join(', ') : '') },
    ], rows));
  }
  async function loadDead() {
    try {
      const items = await api('GET', `/api/admin/dead-letters?limit=100${topic.value ? `&topic=${topic.value}` : ''}`);
      clear(dead, table('Dead letters', [
        { label: 'Topic', cell: d => d.topic }, { label: 'Id', cell: d => h('code', { text: d.id }) },
        { label: 'Deliveries', num: true, cell: d => String(d.deliveries) }, { label: 'Error', cell: d => d.error || '' },
        { label: 'Message', cell: d => h('code', { text: JSON.stringify(d.fields).slice(0, 200) }) },
      ], items, 'No dead letters: every queued message was handled.'));
    } catch (e) {
      clear(dead, e instanceof ApiError && e.status === 403 ? h('p.alert.info', { text: 'Dead letters are for operators (the admin or an API key).' }) : problemBox(e));
    }
  }
  topic.addEventListener('change', loadDead);
  const ingForm = h('form', { on: { submit: async ev => {
    ev.preventDefault();
    try {
      const i = await api('GET', `/api/ingestions/${encodeURIComponent(ingId.value.trim())}`);
      clear(ingOut, h('dl.kv', [['Status', badge(i.status)], ['Kind', i.kind], ['Accepted', fmt.n(i.accepted)], ['Written', fmt.n(i.written)],
        ['Rejected', fmt.n(i.rejectedCount)], ['Batches', `${i.batchesDone} of ${i.batches}`], ['Created', fmt.date(i.createdAt)],
        ['Updated', fmt.date(i.updatedAt)]].flatMap(([k, v]) => [h('dt', { text: k }), h('dd', v)])));
    } catch (e) { clear(ingOut, problemBox(e)); }
  } } }, h('div.row', h('div.grow', field('Ingestion tracking id', ingId)), h('div.field', h('button', { type: 'submit', text: 'Look up' }))), ingOut);

  main.append(header('Operations', h('button', { type: 'button', text: 'Refresh', on: { click: () => { checkHealth(); loadDead(); } } })),
    h('div.grid.two',
      h('section.panel', { 'aria-labelledby': 'h-h' }, h('h2#h-h', { text: 'Health' }), health),
      h('section.panel', { 'aria-labelledby': 'l-h' }, h('h2#l-h', { text: 'Links' }), h('ul',
        h('li', h('a', { href: '/metrics', target: '_blank', rel: 'noopener', text: 'Prometheus metrics (/metrics)' })),
        h('li', h('a', { href: '/docs', target: '_blank', rel: 'noopener', text: 'API documentation (/docs)' })),
        h('li', h('a', { href: '/openapi.json', target: '_blank', rel: 'noopener', text: 'OpenAPI document (/openapi.json)' }))))),
    h('section.panel', { 'aria-labelledby': 'd-h' }, h('h2#d-h', { text: 'Dead letters' }), field('Topic', topic), dead),
    h('section.panel', { 'aria-labelledby': 'i-h' }, h('h2#i-h', { text: 'Queued ingestions' }),
      h('p.muted', { text: 'With USE_PUBSUB, ingestion answers 202 with a tracking id; look it up here.' }), ingForm));
  await Promise.all([checkHealth(), loadDead()]);
}
