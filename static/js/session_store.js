// What a reload needs to come back into the same session as the same person. The token and the
// last event seen live in localStorage, so that a second tab of the same browser (e.g. the
// projector) resumes as the same person; the commands typed but not yet acknowledged belong to
// the tab they were typed in, so they live in its sessionStorage and survive its reload.

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

// Leaving a room, or being sent away from it, forgets its credentials; a room given by id is
// forgotten only while it is still the one stored (another tab may have entered a newer one).
export function clearSession(roomId = null) {
  if (roomId && loadSession()?.room_id && loadSession().room_id !== roomId) return;
  localStorage.removeItem(key);
  sessionStorage.removeItem(queueKey);
  sessionStorage.removeItem('casecircle.state');
}

// On logout nothing of any room may stay behind for the next person at this computer: every
// stored token, queue and snapshot of this browser goes, whatever room it belonged to.
export function clearAllSessions() {
  for (const store of [localStorage, sessionStorage]) {
    const keys = [];
    for (let i = 0; i < store.length; i++) keys.push(store.key(i));
    keys.filter((k) => k === key || k === queueKey || k === stateKey || k?.startsWith(`${key}.`)).forEach((k) => store.removeItem(k));
  }
}

const queueKey = 'casecircle.queue';

export function loadQueue() {
  try {
    return JSON.parse(sessionStorage.getItem(queueKey) || '[]');
  } catch {
    return [];
  }
}

export function saveQueue(queue) {
  sessionStorage.setItem(queueKey, JSON.stringify(queue));
}

// The last snapshot, so that a reload during an outage shows the room (read and type) at once
// instead of an empty page; the next welcome replaces it.
const stateKey = 'casecircle.state';

export function saveSnapshot(roomId, participantId, state) {
  try {
    sessionStorage.setItem(stateKey, JSON.stringify({ roomId, participantId, state }));
  } catch { /* storage full: the room still works, only the offline reload shows less */ }
}

export function loadSnapshot(roomId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(stateKey) || 'null');
    return saved && saved.roomId === roomId ? saved : null;
  } catch {
    return null;
  }
}
