// Whether this server lets people without a login open sessions ("open rooms", for training).
// No call of the server says so; its answer to a create without a login does (login_required),
// so that answer is remembered, and the start page stops offering a form that can only fail.
// It is kept for the tab only (sessionStorage): with the form hidden nobody could find out that
// the server was restarted with open rooms, so a new visit asks again.

const key = 'casecircle.rooms_closed';

export function roomsClosed() {
  return sessionStorage.getItem(key) === '1';
}

export function learnFromCreate(frame, loggedIn, outcome) {
  if (frame?.type !== 'create' || loggedIn) return;
  if (outcome === 'login_required') sessionStorage.setItem(key, '1');
  else if (outcome === 'welcome') sessionStorage.removeItem(key);
}
