import { api } from '../api.js';
import { h, field, showErrors, clearErrors } from '../ui.js';

/** Add (customer null) or edit a customer; the API upserts by e-mail. */
export function customerForm(customer, onSaved, onCancel) {
  const c = customer || {};
  const email = h('input.wide', { type: 'email', required: true, value: c.email || '', readOnly: !!customer, autocomplete: 'off' });
  const name = h('input.wide', { value: c.name || '' });
  const phone = h('input.wide', { type: 'tel', value: c.phone || '' });
  const city = h('input.wide', { value: c.city || '' });
  const tags = h('input.wide', { value: (c.tags || []).join(', ') });
  const visits = h('input', { type: 'number', min: 0, step: 1, value: c.visits ?? '' });
  const optedOut = h('input', { type: 'checkbox', checked: !!c.optedOut });
  const box = h('div');
  const form = h('form', { novalidate: true, on: { submit: async ev => {
    ev.preventDefault();
    clearErrors(form);
    const body = { email: email.value.trim(), name: name.value.trim() || null, phone: phone.value.trim() || null,
      city: city.value.trim() || null, tags: tags.value.split(',').map(t => t.trim()).filter(Boolean), optedOut: optedOut.checked };
    if (visits.value !== '') body.visits = Number(visits.value);
    for (const k of ['name', 'phone', 'city']) if (body[k] === null) delete body[k];
    try {
      const r = await api('POST', '/api/customers', body);
      onSaved({ ...r, id: (r.ids && r.ids[0]) || c.id || null });
    } catch (e) { showErrors(form, e, box); }
  } } }, box,
  field('E-mail', email, { path: '/email', hint: customer ? 'The e-mail identifies the customer and cannot change.' : null }),
  field('Name', name, { path: '/name' }), field('Phone', phone, { path: '/phone' }), field('City', city, { path: '/city' }),
  field('Tags (comma-separated)', tags, { path: '/tags' }), field('Visits', visits, { path: '/visits' }),
  h('div.field', h('label', optedOut, ' Opted out of messages')),
  h('div.row', h('button.primary', { type: 'submit', text: customer ? 'Save' : 'Add customer' }),
    onCancel ? h('button', { type: 'button', text: 'Cancel', on: { click: onCancel } }) : null));
  optedOut.dataset.path = '/optedOut';
  return form;
}
