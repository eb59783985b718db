// A format's steps (titles, instructions, categories) come once in a `format` frame; every state
// names its format by `template_key` and carries only each step's timer. The cache outlives
// reconnects and reloads (localStorage: the texts are the same for everyone and hold no case
// data), so neither a network drop nor a reload fetches the texts again.

const maxFormats = 16; // the server accepts at most this many keys in an entry frame
const storageKey = 'casecircle.formats';

export class FormatCache {
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
    this.byKey = new Map();
    for (const format of this.load()) this.byKey.set(format.key, format);
  }

  remember(format) {
    if (!format?.key || !Array.isArray(format.steps)) return;
    this.byKey.delete(format.key);
    this.byKey.set(format.key, format);
    if (this.byKey.size > maxFormats) this.byKey.delete(this.byKey.keys().next().value);
    this.save();
  }

  keys() {
    return [...this.byKey.keys()];
  }

  // The state as the views read it: each step with its texts and its timer.
  complete(state) {
    const format = state?.template_key ? this.byKey.get(state.template_key) : null;
    if (!format || !Array.isArray(state.steps)) return state;
    return { ...state, steps: state.steps.map((step, i) => ({ ...format.steps[i], ...step })) };
  }

  load() {
    try {
      const saved = JSON.parse(this.storage?.getItem(storageKey) || '[]');
      return Array.isArray(saved) ? saved.filter((f) => f?.key && Array.isArray(f.steps)) : [];
    } catch {
      return [];
    }
  }

  save() {
    try {
      this.storage?.setItem(storageKey, JSON.stringify([...this.byKey.values()]));
    } catch { /* storage full or blocked: the cache still works for this page */ }
  }
}
