import { api, ApiError } from '../api.js';
import { h, clear, fmt, badge, table, problemBox, field, header } from '../ui.js';

export async function render(main) {
  const health = h('div');
  const dead = h('div');
  const topic = h('select', ['', 'deliveries', 'receipts', 'ingest'].map(t => h('option', { value: t, text: t || 'all topics' })));
  const ingId = h('input', { placeholder: 'tracking id from a 202 answer', 'data-path': '{id}' });
  const ingOut = h('div');
  const jobs = h('div');
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
  async function loadJobs() {
    try {
      const items = await api('GET', '/api/ingestions?limit=20');
      clear(jobs, table('Recent queued ingestions', [
        { label: 'Created', cell: i => fmt.date(i.createdAt) },
        { label: 'Kind', cell: i => i.kind },
        { label: 'Status', cell: i => badge(i.status) },
        { label: 'Accepted', num: true, cell: i => fmt.n(i.accepted) },
        { label: 'Written', num: true, cell: i => fmt.n(i.written) },
        { label: 'Rejected', num: true, cell: i => fmt.n(i.rejectedCount) },
        { label: 'Batches', num: true, cell: i => `${i.batchesDone} of ${i.batches}` },
        { label: 'Details', cell: i => h('button.linkish', { type: 'button', text: 'Show', 'aria-label': `Show ingestion ${i.id}`,
          on: { click: () => { ingId.value = i.id; lookUp(); } } }) },
      ], items, 'No queued ingestions yet (with USE_PUBSUB, JSON ingestion is queued and answers 202).'));
    } catch (e) {
      clear(jobs, e instanceof ApiError && e.status === 403 ? h('p.alert.info', { text: 'The list of ingestions is for operators (the admin or an API key).' }) : problemBox(e));
    }
  }
  async function lookUp() {
    try {
      const i = await api('GET', `/api/ingestions/${encodeURIComponent(ingId.value.trim())}`);
      clear(ingOut, h('dl.kv', [['Status', badge(i.status)], ['Kind', i.kind], ['Accepted', fmt.n(i.accepted)], ['Written', fmt.n(i.written)],
        ['Rejected', fmt.n(i.rejectedCount)], ['Batches', `${i.batchesDone} of ${i.batches}`], ['Created', fmt.date(i.createdAt)],
        ['Updated', fmt.date(i.updatedAt)]].flatMap(([k, v]) => [h('dt', { text: k }), h('dd', v)])),
        i.rejected && i.rejected.length ? table('Rejected rows', [
          { label: 'Row', num: true, cell: r => String(r.index) },
          { label: 'Problems', cell: r => h('ul', (r.errors || []).map(e => h('li', h('code', { text: e.path || '/' }), ': ', e.message))) },
        ], i.rejected.slice(0, 200)) : null);
    } catch (e) { clear(ingOut, problemBox(e)); }
  }
  const ingForm = h('form', { on: { submit: ev => { ev.preventDefault(); lookUp(); } } }, h('div.row', h('div.grow', field('Ingestion tracking id', ingId)), h('div.field', h('button', { type: 'submit', text: 'Look up' }))), ingOut);

  main.append(header('Operations', h('button', { type: 'button', text: 'Refresh', on: { click: () => { checkHealth(); loadDead(); loadJobs(); } } })),
    h('div.grid.two',
      h('section.panel', { 'aria-labelledby': 'h-h' }, h('h2#h-h', { text: 'Health' }), health),
      h('section.panel', { 'aria-labelledby': 'l-h' }, h('h2#l-h', { text: 'Links' }), h('ul',
        h('li', h('a', { href: '/metrics', target: '_blank', rel: 'noopener', text: 'Prometheus metrics (/metrics)' })),
        h('li', h('a', { href: '/docs', target: '_blank', rel: 'noopener', text: 'API documentation (/docs)' })),
        h('li', h('a', { href: '/openapi.json', target: '_blank', rel: 'noopener', text: 'OpenAPI document (/openapi.json)' }))))),
    h('section.panel', { 'aria-labelledby': 'd-h' }, h('h2#d-h', { text: 'Dead letters' }), field('Topic', topic), dead),
    h('section.panel', { 'aria-labelledby': 'i-h' }, h('h2#i-h', { text: 'Queued ingestions' }),
      h('p.muted', { text: 'With USE_PUBSUB, ingestion answers 202 with a tracking id; the newest are listed here, any one can be looked up.' }),
      jobs, ingForm));
  await Promise.all([checkHealth(), loadDead(), loadJobs()]);
}
