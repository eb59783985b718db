// The room is re-rendered from every snapshot. Text a person is typing must survive that (and a
// reload), so every form field takes its value from here and reports each keystroke back.

const storageKey = 'casecircle.drafts';
const drafts = new Map(Object.entries(JSON.parse(sessionStorage.getItem(storageKey) || '{}')));

function persist() {
  sessionStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(drafts)));
}

export function draft(key, fallback = '') {
  return drafts.has(key) ? drafts.get(key) : fallback;
}

export function setDraft(key, value) {
  drafts.set(key, value);
  persist();
}

export function forget(...keys) {
  keys.forEach((k) => drafts.delete(k));
  persist();
}

export function forgetAll() {
  drafts.clear();
  persist();
}

// One listener for the whole page: any field with data-draft records what is typed into it.
export function trackDrafts(root) {
  const record = (e) => {
    const key = e.target?.dataset?.draft;
    if (key) setDraft(key, e.target.type === 'checkbox' ? e.target.checked : e.target.value);
  };
  root.addEventListener('input', record);
  root.addEventListener('change', record);
}

// Focus and caret move with the field across a re-render, so typing is never interrupted.
export function captureFocus() {
  const el = document.activeElement;
  const key = el?.dataset?.draft || el?.dataset?.focusKey;
  if (!key) return null;
  const caret = typeof el.selectionStart === 'number' ? [el.selectionStart, el.selectionEnd] : null;
  return { key, caret };
}

export function restoreFocus(root, saved) {
  if (!saved) return;
  const el = root.querySelector(`[data-draft="${CSS.escape(saved.key)}"], [data-focus-key="${CSS.escape(saved.key)}"]`);
  if (!el) return;
  el.focus({ preventScroll: true });
  if (saved.caret && typeof el.setSelectionRange === 'function') {
    try { el.setSelectionRange(saved.caret[0], saved.caret[1]); } catch { /* e.g. type=date */ }
  }
}
