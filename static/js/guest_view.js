// Guests: the moderator creates a one-time link in the lobby; the guest opens it, gives a name and
// joins this one session as an expert. With guests present the presenter confirms the client's
// consent before the start (the server refuses the start until then).

import { h } from './dom.js';
import { t, pick, formatDateTime } from './i18n.js';
import { formats } from './formats.js';
import { api } from './api.js';
import { account } from './account.js';
import { errorText } from './account_view.js';
import { draft } from './drafts.js';
import { nameOf } from './model.js';
import { steering } from './controls.js';

export function guestInvitation() {
  const m = /^#\/gast\/([^/?#]+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

// Who invited the guest, asked once per link. A server without this call (404) or any other
// failure leaves the page as it was before the call existed: the invitation is still valid.
const invitations = new Map();

function invitationDetails(invitation, rerender) {
  if (!invitations.has(invitation)) {
    invitations.set(invitation, null);
    api('GET', `/api/guest-invitations/${encodeURIComponent(invitation)}`)
      .then((data) => { if (data?.team_name) invitations.set(invitation, data); })
      .catch(() => { /* shown as before */ })
      .finally(rerender);
  }
  return invitations.get(invitation);
}

function formatTitle(id) {
  const format = formats.find((f) => f.id === id);
  return format ? pick(format.title) : id;
}

function invitedBy(details) {
  if (!details) return null;
  const until = details.expires_at ? new Date(details.expires_at) : null;
  return h('div', { class: 'guest-invited', 'data-invited': 'true' },
    h('p', { class: 'lead' }, t('guest_invited_by', { team: details.team_name, format: formatTitle(details.format), by: details.invited_by ?? '' })),
    until && !Number.isNaN(until.getTime()) ? h('p', { class: 'note' }, t('guest_valid_until', { at: formatDateTime(until.getTime()) })) : null);
}

// waiting: the session refused the guest for now (consent_missing); app.js asks again every few
// seconds and the page says what the guest is waiting for instead of showing an error.
export function guestView({ invitation, onJoin, error, busy, waiting = false, rerender = () => {} }) {
  const form = h('form', { class: 'card-panel guest-form', 'aria-labelledby': 'guest-title' },
    h('h1', { id: 'guest-title' }, t('guest_title')),
    invitedBy(invitationDetails(invitation, rerender)),
    h('p', {}, t('guest_intro')),
    h('p', { class: 'note' }, t('guest_privacy')),
    error ? h('p', { class: 'alert', role: 'alert' }, error) : null,
    waiting ? h('p', { class: 'note attention guest-waiting', role: 'status', 'data-waiting': 'consent' }, t('guest_consent_wait')) : null,
    h('div', { class: 'field' },
      h('label', { for: 'guest-name' }, t('your_name_label')),
      h('p', { class: 'hint', id: 'guest-name-hint' }, t('guest_name_hint')),
      h('input', { id: 'guest-name', name: 'name', required: true, maxlength: 60, autocomplete: 'name', 'data-draft': 'guest.name', value: draft('guest.name'), 'aria-describedby': 'guest-name-hint' })),
    h('button', { type: 'submit', class: 'primary', disabled: busy && !waiting }, busy && !waiting ? t('entering') : t('guest_join_button')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onJoin({ type: 'guest_join', invitation, name: form.elements.name.value.trim() });
  });
  return h('section', { class: 'start guest' }, form);
}

// Lives across re-renders of the lobby: the link created last for this room.
const links = new Map();

export function guestLinkBox(ctx) {
  const roomId = ctx.conn.session?.room_id;
  if (!ctx.who.isModerator || !account.me || !roomId || ctx.state.ended) return null;
  const entry = links.get(roomId) ?? {};
  const create = async () => {
    links.set(roomId, { busy: true });
    ctx.rerender();
    try {
      const res = await api('POST', `/api/rooms/${encodeURIComponent(roomId)}/guest-invitations`, {});
      links.set(roomId, { link: new URL(res.link, location.origin).toString(), hours: res.expires_in_hours });
    } catch (error) {
      links.set(roomId, { error: t('guest_link_failed', { reason: errorText(error) }) });
    }
    ctx.rerender();
  };
  const copy = async (e) => {
    try {
      await navigator.clipboard.writeText(entry.link);
      e.target.textContent = t('copied');
    } catch { /* the link stays visible to select and copy by hand */ }
  };
  return h('section', { class: 'panel guest-link', 'aria-labelledby': 'guest-link-heading' },
    h('h2', { id: 'guest-link-heading' }, t('guest_link_heading')),
    h('p', {}, t('guest_link_intro')),
    entry.error ? h('p', { class: 'alert', role: 'alert' }, entry.error) : null,
    entry.link ? [
      h('label', { for: 'guest-link-url', class: 'field-label' }, t('guest_link_label')),
      h('input', { id: 'guest-link-url', readonly: 'readonly', value: entry.link, 'data-guest-link': entry.link, onfocus: (e) => e.target.select(), 'aria-describedby': 'guest-link-note' }),
      h('p', { class: 'note', id: 'guest-link-note' }, t('guest_link_note', { hours: entry.hours ?? 48 })),
      h('div', { class: 'control-row' },
        h('button', { type: 'button', class: 'small secondary', 'data-action': 'copy-guest-link', onclick: copy }, t('copy')),
        h('button', { type: 'button', class: 'small secondary', 'data-action': 'create-guest-link', onclick: create }, t('guest_link_again'))),
    ] : h('button', { type: 'button', class: 'secondary', 'data-action': 'create-guest-link', disabled: entry.busy, onclick: create }, entry.busy ? t('entering') : t('guest_link_create')));
}

export function consentPanel(ctx) {
  const { state } = ctx;
  const presenting = ctx.who.isPresenter || (ctx.who.isModerator && state.moderator_presents);
  // Guests are let in only after the consent (the server refuses them until then), so in a team's
  // session the presenting person can confirm it before the start, before any guest arrives.
  const beforeGuests = !state.guests && !state.consent && presenting && !state.started && Boolean(account.me);
  if (!state.guests && !state.consent && !beforeGuests) return null;
  let body;
  if (state.consent) {
    body = h('p', { class: 'consent-given', role: 'status', 'data-consent': 'given' }, t('consent_given', { name: nameOf(state, state.consent.by), at: formatDateTime(state.consent.at) }));
  } else if (presenting && !state.ended) {
    const box = h('input', { type: 'checkbox', id: 'consent-check', name: 'consent', required: true });
    const form = h('form', { class: 'consent-form' },
      h('div', { class: 'check-field' }, box, h('label', { for: 'consent-check' }, t('consent_checkbox'))),
      h('button', { type: 'submit', class: 'primary', 'data-action': 'confirm-consent', ...steering(ctx) }, t('consent_button')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (box.checked) ctx.conn.command('confirm_consent');
    });
    body = [h('p', {}, beforeGuests ? t('consent_before_guests') : t('consent_needed')), form];
  } else {
    body = [h('p', {}, t('consent_needed')), h('p', { class: 'note attention', 'data-consent': 'missing' }, t('consent_waiting'))];
  }
  return h('section', { class: 'panel consent', 'aria-labelledby': 'consent-heading' },
    h('h2', { id: 'consent-heading' }, t('consent_heading')), body);
}
