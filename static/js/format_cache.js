// A format's steps (titles, instructions, categories) come once per connection in a `format`
// frame; every state names its format by `template_key` and carries only each step's timer. The
// cache outlives reconnects, so a resume after a network drop does not fetch the texts again.

const maxFormats = 16; // the server accepts at most this many keys in an entry frame

export class FormatCache {
  constructor() {
    this.byKey = new Map();
  }

  remember(format) {
    if (!format?.key || !Array.isArray(format.steps)) return;
    this.byKey.delete(format.key);
    this.byKey.set(format.key, format);
    if (this.byKey.size > maxFormats) this.byKey.delete(this.byKey.keys().next().value);
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
}
