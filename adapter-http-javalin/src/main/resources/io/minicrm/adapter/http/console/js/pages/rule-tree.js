// The visual rule tree: a model of groups and conditions, to and from canonical JSON, and its editor.
import { h, clear, uid } from '../ui.js';

const UNARY = new Set(['exists', 'isEmpty']);
const LISTS = new Set(['in', 'notIn', 'containsAny', 'containsAll']);
const DAYS = new Set(['inLastDays', 'notInLastDays']);
const OP_LABELS = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'between', in: 'is one of', notIn: 'is none of',
  exists: 'exists', contains: 'contains', notContains: 'does not contain', startsWith: 'starts with', endsWith: 'ends with',
  before: 'before', after: 'after', inLastDays: 'in the last N days', notInLastDays: 'not in the last N days',
  containsAny: 'contains any of', containsAll: 'contains all of', isEmpty: 'is empty' };

export const group = (op = 'and', children = []) => ({ kind: 'group', op, not: false, children });
export const cond = (field = 'totalSpent', op = 'gt', value = 0) => ({ kind: 'cond', field, op, value, not: false });

export function fromCanonical(json) {
  if (!json || typeof json !== 'object') return group();
  if (json.and || json.or) {
    const op = json.and ? 'and' : 'or';
    return group(op, (json[op] || []).map(fromCanonical));
  }
  if (json.not) { const n = fromCanonical(json.not); n.not = !n.not; return n; }
  return { kind: 'cond', field: json.field, op: json.op, value: json.value, not: false };
}

/** The root as a group (a single condition becomes a group of one). */
export function rootFrom(json) {
  const n = fromCanonical(json);
  return n.kind === 'group' && !n.not ? n : group('and', [n]);
}

/** Canonical JSON keeping the tree's shape (groups of one too), so error paths point at tree nodes. */
export function toCanonical(n) {
  let out;
  if (n.kind === 'group') out = { [n.op]: n.children.map(toCanonical) };
  else {
    out = { field: n.field, op: n.op };
    if (!UNARY.has(n.op)) out.value = n.value;
  }
  return n.not ? { not: out } : out;
}

function fieldInfo(fields, name) {
  return fields.find(f => f.field === name) || (name && name.startsWith('attributes.') ? fields.find(f => f.type === 'attribute') : null)
    || { field: name, type: 'string', operators: ['eq'] };
}

function defaultValue(type, op) {
  if (UNARY.has(op)) return undefined;
  if (DAYS.has(op)) return 30;
  if (LISTS.has(op)) return [];
  if (op === 'between') return type === 'date' ? ['2025-01-01', '2025-12-31'] : [0, 100];
  if (type === 'boolean') return true;
  if (type === 'date') return '2025-01-01';
  if (type === 'money' || type === 'integer') return 0;
  return '';
}

function parseScalar(type, raw) {
  if (type === 'money' || type === 'integer') return raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
  if (type === 'attribute') {
    if (/^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
    if (raw === 'true' || raw === 'false') return raw === 'true';
  }
  return raw;
}

/**
 * Renders the editor into el; onChange() after every edit. Returns a map path -> element, for showing the
 * API's problems (paths such as /rules/and/0/value) where they belong.
 */
export function renderTree(el, root, fields, onChange, opts = {}) {
  const paths = opts.paths || (opts.paths = new Map());
  paths.clear();
  const disabled = !!opts.readOnly;
  const changed = () => { onChange(); };
  // keeps keyboard focus on the same control (or on the one named) across a re-render
  function rerender(focusKey) {
    const key = focusKey || document.activeElement?.dataset?.key;
    renderTree(el, root, fields, onChange, opts);
    const target = key && el.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (target) target.focus();
    changed();
  }
  const keyed = (node, key) => { node.dataset.key = key; return node; };

  function condRow(n, parent, index, path) {
    const info = fieldInfo(fields, n.field);
    const base = n.not ? `${path}/not` : path;
    const isAttr = info.type === 'attribute';
    const fieldSel = h('select', { 'aria-label': 'Field', disabled },
      fields.map(f => h('option', { value: f.field, text: f.type === 'attribute' ? 'custom attribute…' : f.field,
        selected: isAttr ? f.type === 'attribute' : f.field === n.field })));
    const attrKey = isAttr ? h('input', { 'aria-label': 'Attribute key', value: n.field.replace(/^attributes\./, '').replace('<key>', ''), size: 10, disabled, placeholder: 'key' }) : null;
    const opSel = h('select', { 'aria-label': 'Operator', disabled },
      info.operators.map(o => h('option', { value: o, text: OP_LABELS[o] || o, selected: o === n.op })));
    const valueEls = valueEditor(n, info, disabled, changed);
    const notBox = h('input', { type: 'checkbox', checked: n.not, disabled, 'aria-label': 'Negate (not)' });
    const row = h('div.cond', { role: 'group', 'aria-label': `Condition ${index + 1}` },
      h('label.inline', notBox, ' not'), fieldSel, attrKey, opSel, valueEls,
      disabled ? null : h('button.linkish', { type: 'button', text: 'Remove', 'aria-label': `Remove condition ${index + 1}`,
        on: { click: () => { parent.children.splice(index, 1); rerender(); } } }));
    fieldSel.addEventListener('change', () => {
      const f = fieldInfo(fields, fieldSel.value);
      n.field = f.type === 'attribute' ? 'attributes.' : f.field;
      if (!f.operators.includes(n.op)) n.op = f.operators[0];
      n.value = defaultValue(f.type, n.op);
      rerender();
    });
    if (attrKey) attrKey.addEventListener('input', () => { n.field = `attributes.${attrKey.value.trim()}`; changed(); });
    opSel.addEventListener('change', () => { n.op = opSel.value; n.value = defaultValue(info.type, n.op); rerender(); });
    notBox.addEventListener('change', () => { n.not = notBox.checked; rerender(); });
    keyed(fieldSel, `${path}:field`); keyed(opSel, `${path}:op`); keyed(notBox, `${path}:not`);
    if (attrKey) keyed(attrKey, `${path}:attr`);
    paths.set(base, row);
    paths.set(`${base}/field`, attrKey || fieldSel);
    paths.set(`${base}/op`, opSel);
    paths.set(`${base}/value`, valueEls[0] || row);
    return row;
  }

  function groupBox(n, parent, index, path) {
    const base = n.not ? `${path}/not` : path;
    const opSel = h('select', { 'aria-label': 'Combine with', disabled },
      h('option', { value: 'and', text: 'all of (and)', selected: n.op === 'and' }),
      h('option', { value: 'or', text: 'any of (or)', selected: n.op === 'or' }));
    opSel.addEventListener('change', () => { n.op = opSel.value; rerender(); });
    keyed(opSel, `${path}:combine`);
    const notBox = parent ? h('input', { type: 'checkbox', checked: n.not, disabled, 'aria-label': 'Negate group (not)' }) : null;
    if (notBox) notBox.addEventListener('change', () => { n.not = notBox.checked; rerender(); });
    const kids = n.children.map((c, i) => (c.kind === 'group' ? groupBox : condRow)(c, n, i, `${base}/${n.op}/${i}`));
    const box = h(`div.group.${n.op}`, { role: 'group', 'aria-label': parent ? `Group ${index + 1}` : 'Rule' },
      h('div.head', notBox ? h('label.inline', notBox, ' not') : null, h('span', { text: 'Match' }), opSel,
        disabled || !parent ? null : h('button.linkish', { type: 'button', text: 'Remove group', on: { click: () => { parent.children.splice(index, 1); rerender(); } } })),
      kids.length ? kids : h('p.muted', { text: 'Empty: add a condition.' }),
      disabled ? null : h('div.row',
        h('button', { type: 'button', text: '+ Condition', on: { click: () => { n.children.push(cond()); rerender(`${base}/${n.op}/${n.children.length - 1}:field`); } } }),
        h('button', { type: 'button', text: '+ Group', on: { click: () => { n.children.push(group(n.op === 'and' ? 'or' : 'and', [cond()])); rerender(`${base}/${n.op}/${n.children.length - 1}:combine`); } } })));
    paths.set(base, box);
    paths.set(`${base}/${n.op}`, box);
    return box;
  }

  clear(el, groupBox(root, null, 0, '/rules'));
  return paths;
}

function valueEditor(n, info, disabled, changed) {
  const type = info.type;
  const id = uid('v');
  if (UNARY.has(n.op)) return [];
  if (type === 'boolean') {
    const s = h('select', { id, 'aria-label': 'Value', disabled }, h('option', { value: 'true', text: 'true', selected: n.value === true }),
      h('option', { value: 'false', text: 'false', selected: n.value === false }));
    s.addEventListener('change', () => { n.value = s.value === 'true'; changed(); });
    return [s];
  }
  if (n.op === 'between') {
    const [lo, hi] = Array.isArray(n.value) ? n.value : ['', ''];
    const t = type === 'date' ? 'date' : 'number';
    const a = h('input', { type: t, 'aria-label': 'From', value: type === 'date' ? String(lo).slice(0, 10) : lo, disabled, step: 'any' });
    const b = h('input', { type: t, 'aria-label': 'To', value: type === 'date' ? String(hi).slice(0, 10) : hi, disabled, step: 'any' });
    const up = () => { n.value = [parseScalar(type, a.value), parseScalar(type, b.value)]; changed(); };
    a.addEventListener('input', up); b.addEventListener('input', up);
    return [a, h('span', ' and '), b];
  }
  if (LISTS.has(n.op)) {
    const i = h('input', { 'aria-label': 'Values, comma-separated', value: (n.value || []).join(', '), disabled, size: 18 });
    i.addEventListener('input', () => { n.value = i.value.split(',').map(s => s.trim()).filter(Boolean).map(s => parseScalar(type, s)); changed(); });
    return [i];
  }
  if (DAYS.has(n.op)) {
    const i = h('input', { type: 'number', min: 1, 'aria-label': 'Days', value: n.value, disabled, size: 5 });
    i.addEventListener('input', () => { n.value = i.value === '' ? '' : Number(i.value); changed(); });
    return [i, h('span', ' days')];
  }
  if (type === 'date') {
    const i = h('input', { type: 'date', 'aria-label': 'Date', value: String(n.value || '').slice(0, 10), disabled });
    i.addEventListener('input', () => { n.value = i.value; changed(); });
    return [i];
  }
  const numeric = type === 'money' || type === 'integer';
  const i = h('input', { type: numeric ? 'number' : 'text', step: 'any', 'aria-label': 'Value', value: n.value ?? '', disabled, size: 12 });
  i.addEventListener('input', () => { n.value = parseScalar(type, i.value); changed(); });
  return [i];
}
