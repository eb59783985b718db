// What a reload needs to come back into the same session as the same person: the token, the last
// event seen and the commands that were typed but not yet acknowledged. localStorage, so that a
// second tab of the same browser (e.g. the projector) can resume as the same person.

const key = 'casecircle.session';

export function loadSession() {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

export function saveSession(session) {
  localStorage.setItem(key, JSON.stringify(session));
}

export function updateSession(patch) {
  const current = loadSession();
  if (current) saveSession({ ...current, ...patch });
}

export function clearSession() {
  localStorage.removeItem(key);
}
