import { api, session } from '../api.js';
import { h, clear, field, problemBox } from '../ui.js';

export async function render(main, { error, onSignedIn }) {
  const box = h('div');
  if (error) clear(box, problemBox(error, 'Not signed in'));
  clear(main, h('h1', { text: 'Sign in to Mini CRM', tabindex: -1 }), box);
  let options;
  try { options = await api('GET', '/api/auth/options'); } catch (e) { main.append(problemBox(e)); return; }

  if (options.localAdmin) {
    const token = h('input.wide', { type: 'password', autocomplete: 'current-password', required: true, name: 'token' });
    const formBox = h('div');
    const form = h('form.panel', { on: { submit: async ev => {
      ev.preventDefault();
      session.set({ token: token.value.trim(), via: 'admin-token' });
      try { await onSignedIn(); } catch (e) { session.clear(); clear(formBox, problemBox(e, 'That token was not accepted')); token.focus(); }
    } } },
    h('h2', { text: 'Local admin' }),
    h('p', 'Open the one-time sign-in link the server printed when it started, or paste the admin token from the same banner.'),
    field('Admin token', token), formBox, h('button.primary', { type: 'submit', text: 'Sign in' }));
    main.append(form);
  }
  if (options.google) {
    const slot = h('div', { id: 'google-button' });
    const gBox = h('div');
    main.append(h('section.panel', h('h2', { text: 'Google account' }), slot, gBox));
    const s = h('script', { src: 'https://accounts.google.com/gsi/client', async: true });
    s.addEventListener('load', () => {
      window.google.accounts.id.initialize({ client_id: options.google.clientId, callback: async r => {
        try {
          const res = await api('POST', '/api/auth/google', { credential: r.credential });
          session.set({ token: res.token, expiresAt: res.expiresAt, via: 'google' });
          await onSignedIn();
        } catch (e) { session.clear(); clear(gBox, problemBox(e, 'Google sign-in failed')); }
      } });
      window.google.accounts.id.renderButton(slot, { theme: 'outline', size: 'large' });
    });
    s.addEventListener('error', () => clear(gBox, h('div.alert.bad', { role: 'alert', text: 'Google sign-in could not be loaded (offline?).' })));
    document.head.append(s);
  }
  if (!options.localAdmin && !options.google) {
    main.append(h('p.alert.info', 'This server accepts API keys only (no interactive sign-in is configured).'));
  }
  (main.querySelector('input') || main.querySelector('h1')).focus();
}
