// Questions the views ask about a snapshot, answered in one place so that every view applies the
// same rules as the engine (ENGINE.md) – the server still decides; this only shapes the screen.

export function person(state, id) {
  return state.participants.find((p) => p.id === id) ?? null;
}

export function nameOf(state, id) {
  return person(state, id)?.name ?? id ?? '';
}

export function currentStep(state) {
  return state.steps.find((s) => s.number === state.current_step) ?? null;
}

export function stepHas(step, record) {
  return Boolean(step?.records?.includes(record));
}

export function presenterOf(state) {
  return state.participants.find((p) => p.presenter && p.present) ?? null;
}

export function viewer(state, myId) {
  const me = person(state, myId);
  const role = me?.role ?? 'observer';
  return {
    id: myId,
    me,
    role,
    isModerator: role === 'moderator',
    isPresenter: Boolean(me?.presenter),
    isObserver: role === 'observer',
    isAdvocatus: state.advocatus_diaboli === myId,
  };
}

export function mayWriteCards(step, who) {
  if (!step || who.isObserver) return false;
  switch (step.writers) {
    case 'all': return true;
    case 'presenter': return who.isPresenter;
    case 'experts': return who.role === 'expert';
    default: return false;
  }
}

export function roundFor(state, step) {
  return state.round && step && state.round.step === step.number ? state.round : null;
}

// In a running round only the turn holder writes; the moderator is scribe and always may.
export function waitingForTurn(state, step, who) {
  const round = roundFor(state, step);
  if (!round || round.turn === null || who.isModerator) return false;
  return round.turn !== who.id;
}

// The round's members are the present participants and experts; the moderator, the presenter and
// observers stand outside it and wait for no turn of their own.
export function inRound(state, step, id) {
  return Boolean(roundFor(state, step)?.order.includes(id));
}

export function presenterHasWritten(state, step, categoryKey) {
  return state.cards.some((c) => c.step === step.number && c.category === categoryKey &&
    person(state, c.author)?.presenter);
}

export function cardsOf(state, stepNumber, categoryKey) {
  return state.cards.filter((c) => c.step === stepNumber && c.category === categoryKey);
}

export function validQuestion(state) {
  const q = state.question;
  if (q?.chosen) return { text: q.chosen.text, chosen: true };
  if (q?.original) return { text: q.original.text, chosen: false };
  return null;
}

export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

// A prognosis carried as five counts (ratings 1..5): how many rated and their mean, or null when
// nobody rated (an empty list or only zeros).
export function prognosisFigures(counts) {
  if (!Array.isArray(counts) || counts.length !== 5) return null;
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (!n) return null;
  return { n, mean: counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / n, counts };
}

export const outcomeValues = ['done', 'partly', 'not_done'];
