// Team-made formats (PROTOCOL.md, "Team-made formats"): the team's formats next to the shipped
// ones (#/formate), and an editor (#/format/ID) that copies a format and changes its titles,
// instructions, budgets, card categories, who writes, what is recorded and round-robin. The
// server validates with the engine's own rules and names the first problem in words, which is
// shown at its field. English texts follow the German ones a team writes.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { api } from './api.js';
import { may } from './account.js';
import { errorText } from './account_view.js';
import { page, guard, load, reload, withData, teamPath } from './team_views.js';

const writerKinds = ['all', 'presenter', 'experts', 'nobody'];
const recordKinds = ['case_summary', 'question', 'alternative_questions', 'chosen_question', 'options', 'decision', 'backing', 'prognosis', 'feedback', 'suggestions'];

// The working copy per format id, kept across redraws until it is saved or the page is left.
const working = new Map();
let outcome = null; // { ok, text, field } of the last save

export function forgetFormatEdits() {
  working.clear();
  outcome = null;
}

// The team's own formats, for the start page's choice ([] until loaded, or for others).
export function teamFormatChoices(rerender) {
  if (!may('moderate')) return [];
  const entry = load(teamPath('formats'), rerender);
  if (entry.status !== 'ok') return [];
  return entry.data.formats.filter((f) => !f.shipped).map((f) => ({ id: f.id, title: f.title, description: f.description, minutes: f.total_minutes }));
}

function formatRow(f) {
  return h('li', { class: 'format-row', 'data-format': f.id },
    h('strong', {}, pick(f.title)), ' · ',
    f.shipped ? t('formats_shipped') : t('formats_own', { version: f.version, name: f.saved_by ?? '' }), ' ',
    may('moderate') ? h('a', { href: `#/format/${encodeURIComponent(f.id)}`, class: 'button-link', 'data-action': f.shipped ? 'copy-format' : 'edit-format' },
      f.shipped ? t('formats_copy') : t('formats_edit')) : null);
}

export function formatsView(rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/formate', 'formats_title', {}, refused);
  return page('#/formate', 'formats_title', {},
    h('p', {}, t('formats_intro')),
    outcome?.ok ? h('p', { role: 'status', class: 'success' }, outcome.text) : null,
    withData(load(teamPath('formats'), rerender), ({ formats }) => h('ul', { class: 'formats-list' }, formats.map(formatRow))));
}

// --- the editor ---------------------------------------------------------------------------

// A German text typed into the editor: both languages, so that the document stays complete.
function localized(text) {
  return { de: text, en: text };
}

// The control the server's refusal names (its JSON pointer, or one below it) is marked.
function problemAttrs(pointer) {
  const field = outcome && !outcome.ok ? outcome.field : null;
  if (!field || (field !== pointer && !field.startsWith(`${pointer}/`))) return {};
  return { 'aria-invalid': 'true', 'aria-describedby': 'format-problem' };
}

function input(pointer, label, value, onValue, attrs = {}) {
  const id = `fe-${pointer.replace(/[^a-z0-9]/gi, '-')}`;
  const tag = attrs.rows ? 'textarea' : 'input';
  const control = h(tag, { id, 'data-pointer': pointer, ...problemAttrs(pointer), ...attrs }, tag === 'textarea' ? value : null);
  if (tag === 'input') control.value = value;
  control.addEventListener('input', () => onValue(attrs.type === 'number' ? Number(control.value) : control.value));
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function checkbox(pointer, label, checked, onValue) {
  const id = `fe-${pointer.replace(/[^a-z0-9]/gi, '-')}`;
  const control = h('input', { type: 'checkbox', id, 'data-pointer': pointer, checked, ...problemAttrs(pointer) });
  control.addEventListener('change', () => onValue(control.checked));
  return h('div', { class: 'field checkbox-field' }, control, h('label', { for: id }, label));
}

function categoryRow(step, n, i, rerender) {
  const c = step.cards.categories[i];
  const base = `/steps/${n}/cards/categories/${i}`;
  return h('li', { class: 'category-row' },
    input(`${base}/key`, t('fe_category_key'), c.key, (v) => { c.key = v; }, { maxlength: 40, spellcheck: 'false' }),
    input(`${base}/title`, t('fe_category_title'), c.title.de, (v) => { c.title = localized(v); }, { maxlength: 200 }),
    h('button', { type: 'button', class: 'small secondary', onclick: () => { step.cards.categories.splice(i, 1); rerender(); } }, t('fe_category_remove')));
}

function stepFields(step, n, rerender) {
  const base = `/steps/${n}`;
  const writers = h('select', { id: `fe-writers-${n}`, 'data-pointer': `${base}/cards/writers`, ...problemAttrs(`${base}/cards/writers`) },
    writerKinds.map((w) => h('option', { value: w, selected: step.cards.writers === w ? 'selected' : null }, t(`fe_writers_${w}`))));
  writers.addEventListener('change', () => { step.cards.writers = writers.value; });
  return h('fieldset', { class: 'format-step', 'data-step': n + 1 },
    h('legend', {}, t('fe_step', { n: n + 1 })),
    input(`${base}/title`, t('fe_step_title'), step.title.de, (v) => { step.title = localized(v); }, { maxlength: 200 }),
    input(`${base}/instructions`, t('fe_instructions'), step.instructions.de, (v) => { step.instructions = localized(v); }, { rows: 3 }),
    input(`${base}/moderator_hint`, t('fe_hint'), step.moderator_hint.de, (v) => { step.moderator_hint = localized(v); }, { rows: 2 }),
    input(`${base}/budget_minutes`, t('fe_budget'), String(step.budget_minutes), (v) => { step.budget_minutes = v; }, { type: 'number', min: 1, max: 240, inputmode: 'numeric' }),
    h('div', { class: 'field' }, h('label', { for: `fe-writers-${n}` }, t('fe_writers')), writers),
    checkbox(`${base}/round_robin`, t('fe_round_robin'), step.round_robin, (v) => { step.round_robin = v; }),
    h('fieldset', { class: 'records' }, h('legend', {}, t('fe_records')),
      recordKinds.map((kind) => checkbox(`${base}/records/${kind}`, t(`fe_record_${kind}`), step.records.includes(kind), (v) => {
        step.records = v ? [...step.records, kind] : step.records.filter((r) => r !== kind);
      }))),
    h('h4', {}, t('fe_categories')),
    h('ul', { class: 'category-list' }, step.cards.categories.map((_, i) => categoryRow(step, n, i, rerender))),
    h('button', { type: 'button', class: 'small secondary', 'data-action': 'add-category',
      onclick: () => { step.cards.categories.push({ key: `kategorie_${step.cards.categories.length + 1}`, title: localized(t('fe_category_new')) }); rerender(); } }, t('fe_category_add')));
}

async function save(copy, rerender) {
  const body = { document: copy.document };
  if (copy.based_on) body.based_on = copy.based_on;
  try {
    const saved = await api('POST', teamPath('formats'), body);
    outcome = { ok: true, text: t('fe_saved', { title: pick(saved.title), version: saved.version }) };
    working.delete(copy.key);
    reload(teamPath('formats'));
    location.hash = '#/formate';
  } catch (error) {
    outcome = { ok: false, text: error.message_de || error.message || errorText(error), field: error.field };
    rerender();
  }
}

function editorForm(copy, rerender) {
  const d = copy.document;
  const form = h('form', { class: 'format-editor', 'data-form': 'format-editor', novalidate: true },
    outcome && !outcome.ok ? h('p', { class: 'alert', role: 'alert', id: 'format-problem' }, outcome.text) : null,
    copy.shipped
      ? input('/id', t('fe_id'), d.id, (v) => { d.id = v; }, { maxlength: 30, spellcheck: 'false', autocomplete: 'off' })
      : h('p', { class: 'note' }, t('fe_new_version', { id: d.id })),
    input('/title', t('fe_title'), d.title.de, (v) => { d.title = localized(v); }, { maxlength: 200 }),
    input('/description', t('fe_description'), d.description.de, (v) => { d.description = localized(v); }, { rows: 2 }),
    d.steps.map((step, n) => stepFields(step, n, rerender)),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'save-format' }, t('fe_save')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(copy, rerender);
  });
  return form;
}

function workingCopy(id, loaded) {
  if (!working.has(id)) {
    const document = structuredClone(loaded.document);
    // A shipped format is copied under a name of the team's own; a team format gets a version.
    if (loaded.shipped) document.id = `${loaded.id.slice(0, 20)}_eigen`;
    working.set(id, { key: id, shipped: loaded.shipped, based_on: loaded.shipped ? loaded.id : loaded.based_on, document });
  }
  return working.get(id);
}

export function formatEditorView(id, rerender) {
  const refused = guard('moderate');
  if (refused) return page('#/formate', 'formats_title', {}, refused);
  const entry = load(teamPath(`formats/${encodeURIComponent(id)}`), rerender);
  return page('#/formate', 'fe_heading', {},
    h('p', {}, h('a', { href: '#/formate' }, t('fe_back'))),
    h('p', {}, t('fe_intro')),
    withData(entry, (loaded) => editorForm(workingCopy(id, loaded), rerender)));
}
