// The public API over fetch: the session's bearer token, RFC 9457 problems as ApiError, paging cursors.
const KEY = 'minicrm.session';

export const session = {
  get() {
    try {
      const s = JSON.parse(localStorage.getItem(KEY));
      if (s && s.expiresAt && Date.parse(s.expiresAt) < Date.now()) { localStorage.removeItem(KEY); return null; }
      return s;
    } catch { return null; }
  },
  set(s) { localStorage.setItem(KEY, JSON.stringify(s)); },
  clear() { localStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const s = session.get();
  if (s) h.Authorization = `Bearer ${s.token}`;
  return h;
}

async function answer(res) {
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    if (res.status === 401 && session.get()) {
      session.clear();
      window.dispatchEvent(new CustomEvent('minicrm:signed-out', { detail: data }));
    }
    throw new ApiError(res.status, data && typeof data === 'object' ? data : { title: res.statusText, detail: String(data || '') });
  }
  return data;
}

/** method, path, JSON body (optional) -> parsed answer; throws ApiError. opts.signal aborts. */
export async function api(method, path, body, opts = {}) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }), signal: opts.signal };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(path, init);
  const data = await answer(res);
  return opts.page ? { items: data, next: res.headers.get('X-Next-Cursor') } : data;
}

/** A page of a list route: {items, next}. */
export function page(path, params = {}, opts = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const qs = q.toString();
  return api('GET', qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path, undefined, { ...opts, page: true });
}

/** Uploads a body with progress (fetch has no upload progress): onProgress(loaded, total). */
export function upload(path, file, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers({ 'Content-Type': contentType }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = e => onProgress && onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = { title: xhr.statusText, detail: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data); else reject(new ApiError(xhr.status, data || {}));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'the server could not be reached' }));
    xhr.send(file);
  });
}

/** Downloads an authenticated route as a file. */
export async function download(path, filename) {
  const res = await fetch(path, { headers: headers({ Accept: 'text/csv' }) });
  if (!res.ok) await answer(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = filename; document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return blob.size;
}
