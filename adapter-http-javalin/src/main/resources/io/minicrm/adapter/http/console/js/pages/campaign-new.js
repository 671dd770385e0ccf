import { api } from '../api.js';
import { h, clear, field, problemBox, showErrors, clearErrors, debounce, header, fmt } from '../ui.js';

const PLACEHOLDERS = ['name', 'firstName', 'email', 'phone', 'city', 'totalSpent', 'orderCount', 'visits', 'lastOrderAt'];

export async function render(main, { query }) {
  const r = await api('GET', '/api/segments?limit=1000');
  const segment = h('select.wide', { required: true },
    h('option', { value: '', text: r.segments.length ? 'Choose a segment…' : 'No segments yet: create one first' }),
    r.segments.map(s => h('option', { value: s.id, text: `${s.name} (${fmt.n(s.customerCount)})`, selected: s.id === query.get('segment') })));
  const name = h('input.wide', { required: true });
  const message = h('textarea', { rows: 5, required: true, value: 'Hi {{firstName|there}}, ' });
  const when = h('select', h('option', { value: 'now', text: 'Send now' }), h('option', { value: 'later', text: 'Schedule' }),
    h('option', { value: 'draft', text: 'Save as draft' }));
  const at = h('input', { type: 'datetime-local' });
  const atField = field('Send at (your local time)', at, { path: '/scheduledAt' });
  atField.hidden = true;
  when.addEventListener('change', () => { atField.hidden = when.value !== 'later'; submit.textContent = labels[when.value]; });
  const labels = { now: 'Create and send now', later: 'Schedule', draft: 'Save draft' };
  const submit = h('button.primary', { type: 'submit', text: labels.now });
  const box = h('div');
  const previewOut = h('div', { 'aria-live': 'polite' });

  const chips = h('div.chips', { role: 'group', 'aria-label': 'Insert a placeholder' }, PLACEHOLDERS.map(p =>
    h('button', { type: 'button', text: `{{${p}}}`, on: { click: () => insert(`{{${p}}}`) } })),
  h('button', { type: 'button', text: '{{name|there}}', title: 'with a fallback when the customer has no name', on: { click: () => insert('{{name|there}}') } }));
  function insert(t) {
    const s = message.selectionStart ?? message.value.length;
    message.value = message.value.slice(0, s) + t + message.value.slice(message.selectionEnd ?? s);
    message.focus();
    message.selectionStart = message.selectionEnd = s + t.length;
    refresh();
  }

  const form = h('form', { novalidate: true, on: { submit: async ev => {
    ev.preventDefault();
    clearErrors(form);
    const body = { name: name.value.trim(), segmentId: segment.value, message: message.value };
    if (when.value === 'later') body.scheduledAt = at.value ? new Date(at.value).toISOString() : '';
    if (when.value === 'draft') body.draft = true;
    try {
      // created sending unless it is a draft or scheduled (POST /api/campaigns starts it in the same write)
      const c = await api('POST', '/api/campaigns', body);
      location.hash = `#/campaigns/${c.id}`;
    } catch (e) { showErrors(form, e, box); }
  } } });

  const refresh = debounce(async () => {
    if (!message.value.trim()) { clear(previewOut); return; }
    try {
      const p = await api('POST', '/api/campaigns/preview', { message: message.value, segmentId: segment.value || undefined, limit: 3 });
      message.removeAttribute('aria-invalid');
      form.querySelectorAll('[data-error]').forEach(e => { if (e.closest('.field')?.contains(message)) e.remove(); });
      clear(previewOut, p.samples.length ? h('ul.sample', p.samples.map(s => h('li', h('strong', { text: s.email }), h('div', { text: s.text }))))
        : h('p.muted', { text: 'No customers to preview with yet.' }));
    } catch (e) {
      clear(previewOut, problemBox(e, 'The message has a problem'));
    }
  }, 300);
  message.addEventListener('input', refresh);
  segment.addEventListener('change', refresh);

  // AI suggestions
  const objective = h('input.wide', { placeholder: 'e.g. win back customers who have not ordered in a while' });
  const tone = h('select', ['friendly', 'professional', 'playful', 'urgent'].map(t => h('option', { value: t, text: t })));
  const aiOut = h('div', { 'aria-live': 'polite' });
  const aiForm = h('form', { on: { submit: async ev => {
    ev.preventDefault();
    clear(aiOut, h('p.muted', { text: 'Asking the assistant…' }));
    try {
      const s = await api('POST', '/api/ai/messages', { objective: objective.value, tone: tone.value, count: 3 });
      clear(aiOut, h('ul.sample', s.messages.map(m => h('li', h('div', { text: m }),
        h('button', { type: 'button', text: 'Use this message', on: { click: () => { message.value = m; refresh(); message.focus(); } } })))),
      h('p.muted', { text: `source: ${s.source}` }));
    } catch (e) { clear(aiOut, problemBox(e, 'No suggestions')); }
  } } }, h('div.row', h('div.grow', field('Objective', objective, { path: '/objective' })), field('Tone', tone),
    h('div.field', h('button', { type: 'submit', text: 'Suggest messages' }))), aiOut);

  form.append(box, field('Campaign name', name, { path: '/name' }), field('Segment', segment, { path: '/segmentId' }),
    field('Message', message, { path: '/message', hint: 'Placeholders are filled per customer; {{field|fallback}} when a value is missing.' }),
    chips, h('div.row', field('When', when), atField), submit);
  main.append(header('New campaign'), h('div.grid.two',
    h('section.panel', { 'aria-labelledby': 'c-h' }, h('h2#c-h', { text: 'Campaign' }), form),
    h('div', h('section.panel', { 'aria-labelledby': 'pv-h' }, h('h2#pv-h', { text: 'Preview for real customers' }), previewOut),
      h('section.panel', { 'aria-labelledby': 'ai-h' }, h('h2#ai-h', { text: 'Message ideas from the assistant' }), aiForm))));
  refresh();
}
