// The console's shell: sign-in, the hash router, the navigation.
import { api, session, ApiError } from './api.js';
import { h, clear, toast } from './ui.js';

const main = document.getElementById('main');
const routes = [
  [/^\/$/, 'dashboard', 'Dashboard'],
  [/^\/customers$/, 'customers', 'Customers'],
  [/^\/customers\/([\w-]+)$/, 'customer', 'Customer'],
  [/^\/segments$/, 'segments', 'Segments'],
  [/^\/segments\/new$/, 'segment', 'New segment'],
  [/^\/segments\/([\w-]+)$/, 'segment', 'Segment'],
  [/^\/campaigns$/, 'campaigns', 'Campaigns'],
  [/^\/campaigns\/new$/, 'campaign-new', 'New campaign'],
  [/^\/campaigns\/([\w-]+)$/, 'campaign', 'Campaign'],
  [/^\/operations$/, 'operations', 'Operations'],
];

export const ctx = { me: null };
let cleanup = null;
let seq = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(query || '') };
}

async function signInWithCode(code) {
  history.replaceState(null, '', `${location.pathname}#/`);
  try {
    const s = await api('POST', '/api/auth/code', { code });
    session.set({ token: s.token, expiresAt: s.expiresAt, via: 'code' });
    return null;
  } catch (e) {
    return e;
  }
}

async function whoAmI() {
  ctx.me = await api('GET', '/api/auth/me');
  const ops = ctx.me.admin || ctx.me.kind === 'api-key';
  document.getElementById('nav-ops').hidden = !ops;
  document.getElementById('nav').hidden = false;
  clear(document.getElementById('who'),
    h('span', { text: ctx.me.name || ctx.me.email || ctx.me.id }),
    h('button', { type: 'button', text: 'Sign out', id: 'sign-out', on: { click: signOut } }));
}

export function signOut() {
  session.clear();
  ctx.me = null;
  toast('Signed out.');
  showSignIn();
}

async function showSignIn(error) {
  if (cleanup) { cleanup(); cleanup = null; }
  document.getElementById('nav').hidden = true;
  clear(document.getElementById('who'));
  const mod = await import('./pages/signin.js');
  document.title = 'Sign in · Mini CRM';
  await mod.render(main, { error, onSignedIn: async () => { await whoAmI(); if (location.hash !== '#/') location.hash = '#/'; else route(); } });
}

async function route() {
  if (!session.get()) { showSignIn(); return; }
  if (!ctx.me) {
    try { await whoAmI(); } catch (e) { if (e instanceof ApiError && e.status === 401) { showSignIn(e); return; } throw e; }
  }
  const { path, query } = parseHash();
  const match = routes.map(([re, page, title]) => [path.match(re), page, title]).find(([m]) => m);
  if (cleanup) { cleanup(); cleanup = null; }
  const mine = ++seq;
  for (const a of document.querySelectorAll('#nav a')) {
    const target = a.getAttribute('href').slice(1);
    const current = target === '/' ? path === '/' : path.startsWith(target);
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!match) {
    clear(main, h('h1', { text: 'Not found', tabindex: -1 }), h('p', 'No such page. ', h('a', { href: '#/', text: 'Go to the dashboard' })));
    main.querySelector('h1').focus();
    return;
  }
  const [m, page, title] = match;
  document.title = `${title} · Mini CRM`;
  try {
    const mod = await import(`./pages/${page}.js`);
    if (mine !== seq) return;
    clear(main);
    cleanup = (await mod.render(main, { id: m[1], query })) || null;
  } catch (e) {
    clear(main, h('h1', { text: title, tabindex: -1 }), h('div.alert.bad', { role: 'alert', text: e.message || String(e) }));
  }
  if (mine === seq) (main.querySelector('h1') || main).focus();
}

window.addEventListener('hashchange', route);
window.addEventListener('minicrm:signed-out', e => {
  ctx.me = null;
  showSignIn(new ApiError(401, e.detail || { detail: 'your session has ended; sign in again' }));
});

(async () => {
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get('code');
  if (code) {
    const err = await signInWithCode(code);
    if (err) { showSignIn(err); return; }
  }
  route();
})();
