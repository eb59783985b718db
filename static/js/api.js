// The server's HTTP API: JSON in and out, the login cookie sent by the browser itself and the
// CSRF token added to every call that changes something.

let csrfToken = null;
let onLoggedOut = null;

// Called when a call finds the login gone (ended by a team admin, expired) or a password change
// required: the page then shows the login or the password form instead of an error.
export function onSessionLost(fn) {
  onLoggedOut = fn;
}

export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error?.code ?? (status === 0 ? 'connection_failed' : 'http_error');
    this.message_de = error?.message ?? null;
    this.message_en = error?.message_en ?? null;
    // invalid_field names the input that is wrong, so that a form can say it next to it.
    this.field = error?.field ?? null;
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  let data = null;
  try {
    data = await res.json();
  } catch { /* an empty or non-JSON answer */ }
  if (!res.ok) {
    const error = new ApiError(res.status, data?.error);
    if (['login_required', 'password_change_required'].includes(error.code) && path !== '/api/me') onLoggedOut?.(error);
    throw error;
  }
  return data;
}

// Query strings from a filter object; empty fields are left out.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && String(v).trim() !== '') q.set(k, String(v).trim());
  const s = q.toString();
  return s ? `?${s}` : '';
}
