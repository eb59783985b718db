// The server owns time. A step's remaining time is derived from its snapshot timer and the
// server clock (our clock corrected by the measured offset), never counted locally.

import { t } from './i18n.js';

export function remainingMs(timer, serverNow) {
  if (!timer) return null;
  const running = timer.running_since === null ? 0 : Math.max(0, serverNow - timer.running_since);
  return timer.budget_ms - timer.active_ms - running;
}

export function clock(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return `${minutes}:${seconds}`;
}

// Overrun is shown in words and with a sign, not by colour alone.
export function describe(timer, paused, serverNow) {
  const left = remainingMs(timer, serverNow);
  if (left === null) return { text: '–', label: t('timer_not_started'), over: false };
  const over = left < 0;
  const text = over ? `+${clock(left)}` : clock(left);
  const label = over ? t('timer_over') : t('timer_left');
  return { text, label: paused ? `${label} · ${t('timer_paused')}` : label, over, paused };
}

// Every element marked data-timer is refreshed in place, so the second hand does not cost a
// re-render of the room (which would disturb typing).
export function startTicking(getTimer, serverNow) {
  const tick = () => {
    const { timer, paused } = getTimer();
    for (const el of document.querySelectorAll('[data-timer]')) paint(el, describe(timer, paused, serverNow()));
  };
  tick();
  return setInterval(tick, 500);
}

export function paint(el, d) {
  const value = el.querySelector('.timer-value');
  const label = el.querySelector('.timer-label');
  if (value && value.textContent !== d.text) value.textContent = d.text;
  if (label && label.textContent !== d.label) label.textContent = d.label;
  el.classList.toggle('over', d.over);
  el.classList.toggle('paused', Boolean(d.paused));
}
