// Three people hold a complete nine-step quality circle in three browser contexts, from creating
// the session to approved minutes. At each step the test checks what each of them sees and may do.

import { before, after } from 'node:test';
import { step } from '../support/steps.js';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { createSession, joinSession, person, expectStep, nextStep, addCard, cards, expectCardEverywhere, confirmDialog, isoDateInDays, fontSize, expectScreenIsServerState } from '../support/ui.js';

let server;
let browser;
let mod;
let pres;
let part;
let everyone;

before(async () => {
  server = await startServer('quality_circle');
  browser = await launchBrowser();
  [mod, pres, part] = await Promise.all([1, 2, 3].map(() => openPerson(browser, server.baseUrl)));
  everyone = [mod, pres, part];
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const nextButton = (page) => page.getByRole('button', { name: /Nächster Schritt/ });

async function expectOnlyModeratorControls() {
  assert.equal(await nextButton(mod).count(), 1, 'the moderator has "next step"');
  assert.equal(await nextButton(pres).count(), 0, 'the presenter has no "next step"');
  assert.equal(await nextButton(part).count(), 0, 'the participant has no "next step"');
  assert.equal(await mod.locator('.moderator-hint').count(), 1, 'the moderator sees the hint');
  assert.equal(await pres.locator('.moderator-hint').count(), 0, 'the presenter sees no moderator hint');
  assert.equal(await part.locator('.moderator-hint').count(), 0, 'the participant sees no moderator hint');
}

step('lobby: create, join with the invitation code, assign presenter and advocatus, start', async () => {
  await mod.getByText('Bitte keine Namen von Klient/innen').waitFor();
  await mod.getByText('mindestens eine Ziffer').waitFor();
  await screenshot(mod, 'start');
  const invite = await createSession(mod, { title: 'Verlängerung der Hilfe' });
  assert.match(invite, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  // Before the start the wall shows how to get in, large enough for the back row.
  await mod.getByRole('button', { name: 'Projektor-Ansicht' }).click();
  // The view is redrawn on every presence or state frame: wait for the code, then read the size of
  // the element that is in the page (a replaced one has no computed style).
  await mod.locator('.projector-invite [data-invite]', { hasText: invite }).waitFor();
  const codeSize = await fontSize(mod, '.projector-invite [data-invite]');
  assert.ok(codeSize >= 60, `invitation code readable from the back row (font-size ${codeSize}px)`);
  await mod.getByRole('button', { name: 'Projektor-Ansicht verlassen' }).click();
  await mod.locator('.room').waitFor();

  // The advocatus diaboli is chosen while people still arrive: the choice survives the redraws.
  await joinSession(part, invite, 'Kollege K.');
  await mod.locator('#advocatus-select').selectOption({ label: 'Kollege K.' });
  await pres.locator('#invite-code').fill('AAAA-BBBB-CCCC');
  await pres.locator('#joiner-name').fill('Fallmanagerin F.');
  await pres.getByRole('button', { name: 'Beitreten' }).click();
  await pres.getByRole('alert').filter({ hasText: 'Zu diesem Einladungscode gibt es keine offene Sitzung' }).waitFor();
  await joinSession(pres, invite.toLowerCase().replaceAll('-', ''), 'Fallmanagerin F.');
  for (const page of everyone) {
    for (const name of ['Moderatorin M.', 'Fallmanagerin F.', 'Kollege K.']) await person(page, name).filter({ hasText: 'online' }).waitFor();
  }
  assert.equal(await pres.locator('.invite-code').count(), 0, 'only the moderator sees the invitation code');
  assert.equal(await mod.locator('.role-form').count(), 2, 'the moderator can give the two others their roles');
  assert.equal(await part.locator('.role-form').count() + await pres.locator('.role-form').count(), 0, 'nobody else can');
  const start = mod.getByRole('button', { name: 'Sitzung beginnen' });
  assert.ok(await start.isDisabled(), 'no start without a presenter');
  assert.equal(await part.getByRole('button', { name: 'Sitzung beginnen' }).count(), 0);
  await part.getByText('Die Moderation startet, sobald alle da sind').waitFor();

  assert.equal(await mod.locator('#advocatus-select option:checked').textContent(), 'Kollege K.', 'the choice survived a join');
  await person(mod, 'Fallmanagerin F.').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  for (const page of everyone) await person(page, 'Fallmanagerin F.').filter({ hasText: 'Fallverantwortliche/r' }).waitFor();
  assert.equal(await mod.locator('#advocatus-select option:checked').textContent(), 'Kollege K.', 'and a role change');
  await mod.getByRole('button', { name: 'Festlegen', exact: true }).click();
  for (const page of everyone) await person(page, 'Kollege K.').locator('.badge.ad').waitFor();
  await part.locator('.advocatus-notice').waitFor();
  assert.equal(await pres.locator('.advocatus-notice').count(), 0);

  await screenshot(mod, 'lobby-moderator');
  await screenshot(part, 'lobby-participant');
  await start.click();
  await expectStep(everyone, 1, 'Fallvorstellung');
  await expectScreenIsServerState(everyone);
});

step('step 1: the presenter records the case summary, the others read it', async () => {
  await expectOnlyModeratorControls();
  for (const page of everyone) await page.locator('.step-bar li').nth(8).filter({ hasText: '10 Min.' }).waitFor();
  assert.equal(await part.locator('#summary-history').count(), 0, 'only the presenter writes the summary');
  assert.equal(await mod.locator('.role-form').count(), 0, 'roles are given before the start');
  assert.equal(await mod.getByRole('button', { name: /Als Fallverantwortliche/ }).count(), 0, 'the presenter is chosen before the start');
  await pres.locator('#summary-history').fill('Hauptschulabschluss, Ausbildung abgebrochen.');
  await pres.locator('#summary-initial_situation').fill('Seit zwei Jahren arbeitslos, lebt allein.');
  await pres.locator('#summary-work_so_far').fill('Profiling, Eingliederungsvereinbarung; Arbeitsbündnis brüchig.');
  await pres.locator('#summary-service_steering').fill('Schuldnerberatung bisher nicht erreicht.');
  await pres.getByRole('button', { name: 'Kurzfassung speichern' }).click();
  await part.locator('.case-summary').getByText('Seit zwei Jahren arbeitslos').waitFor();
  await mod.locator('.case-summary').getByText('Schuldnerberatung bisher nicht erreicht.').waitFor();
  // The wall shows the short report while the case is told.
  await mod.getByRole('button', { name: 'Projektor-Ansicht' }).click();
  await mod.locator('.projector .case-summary').getByText('Seit zwei Jahren arbeitslos').waitFor();
  await mod.getByRole('button', { name: 'Projektor-Ansicht verlassen' }).click();
  await mod.locator('.room').waitFor();
  assert.match(await mod.locator('[data-timer] .timer-value').textContent(), /^\d+:\d\d$/);
  await screenshot(mod, 'step1-moderator');
  await screenshot(pres, 'step1-presenter');
  await screenshot(part, 'step1-participant');
  await expectScreenIsServerState(everyone);
});

step('step 2: the consultation question', async () => {
  await mod.getByRole('button', { name: /Nächster Schritt/ }).click();
  await mod.locator('#confirm-dialog').getByText('Fallvorstellung').waitFor();
  await mod.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await mod.locator('#step-title').textContent(), 'Fallvorstellung', 'cancel keeps the step');
  await nextStep(mod, everyone, 2, 'Beratungsfrage');
  await expectOnlyModeratorControls();
  assert.equal(await part.locator('#question-text').count(), 0);
  await pres.locator('#question-text').fill('Wie gewinne ich K. für verbindliche Termine?');
  await pres.getByRole('button', { name: 'Frage festhalten' }).click();
  for (const page of everyone) await page.locator('.question-quote', { hasText: 'verbindliche Termine' }).waitFor();
  await expectScreenIsServerState(everyone);
});

step('step 3: an alternative question from the advocatus diaboli becomes the valid one', async () => {
  await nextStep(mod, everyone, 3, 'Diskussion der Beratungsfrage');
  await part.locator('.advocatus-notice.active').waitFor();
  assert.equal(await pres.locator('#alternative-text').count(), 0, 'the presenter does not propose alternatives');
  await part.locator('#alternative-text').fill('Was hindert K. daran, Termine zu halten?');
  await part.getByRole('button', { name: 'Vorschlagen' }).click();
  const alternative = (page) => page.locator('.question-entry', { hasText: 'Was hindert K.' });
  for (const page of everyone) await alternative(page).locator('.badge.ad').waitFor();
  assert.equal(await alternative(part).getByRole('button', { name: /gültige Frage/ }).count(), 0, 'only the moderator chooses');
  await alternative(mod).getByRole('button', { name: /gültige Frage/ }).click();
  for (const page of everyone) await alternative(page).getByText('gültige Beratungsfrage').waitFor();

  await mod.getByRole('button', { name: 'Pause', exact: true }).click();
  for (const page of everyone) {
    await page.getByText('Die Sitzung ist pausiert.').waitFor();
    await page.locator('[data-timer] .timer-label', { hasText: 'pausiert' }).waitFor();
  }
  assert.ok(await nextButton(mod).isDisabled(), 'no step change while paused');
  await mod.getByRole('button', { name: 'Fortsetzen' }).click();
  for (const page of everyone) await page.getByText('Die Sitzung ist pausiert.').waitFor({ state: 'detached' });
  await expectScreenIsServerState(everyone);
});

step('step 4: round-robin – one card per turn, pass, then free collection', async () => {
  await nextStep(mod, everyone, 4, 'Unzensierte Einfälle');
  await expectOnlyModeratorControls();
  for (const page of everyone) await page.locator('.question-banner', { hasText: 'Was hindert K.' }).waitFor();
  await part.locator('.round').getByText('Sie sind an der Reihe').waitFor();
  await part.locator('#announcer', { hasText: 'Schritt 4 von 9' }).waitFor({ state: 'attached' });
  await pres.getByText('An der Reihe: Kollege K.').waitFor();
  await mod.getByText('An der Reihe: Kollege K.').waitFor();
  assert.equal(await pres.getByRole('button', { name: 'Weitergeben' }).count(), 0, 'only the turn holder passes');
  assert.ok(await pres.locator('[data-column="staerken"]').getByRole('button', { name: 'Karte hinzufügen' }).isDisabled(), 'the presenter does not write during the round');
  // The presenter is not in the round: told so, and not to wait for a turn that never comes.
  await pres.locator('[data-column="staerken"]').getByText('Sie gehören nicht zur Runde').waitFor();
  assert.equal(await pres.getByText('Bitte warten Sie, bis Sie an der Reihe sind').count(), 0, 'no turn hint outside the round');
  assert.equal(await mod.getByRole('button', { name: /Überspringen/ }).count(), 1, 'the moderator may skip');

  await addCard(part, 'staerken', 'Hält Termine ein, wenn sie ihn interessieren');
  await expectCardEverywhere(everyone, 'staerken', 'Hält Termine ein');
  for (const page of everyone) await page.locator('.round h2', { hasText: 'Runde 2' }).waitFor();
  await cards(mod, 'staerken', 'Hält Termine ein').locator('.badge.ad').waitFor();
  await addCard(mod, 'schwaechen', 'Schulden, keine Übersicht');
  await expectCardEverywhere(everyone, 'schwaechen', 'Schulden');
  await mod.getByRole('button', { name: '+5 Minuten' }).click();
  for (const page of everyone) {
    await page.locator('[data-timer]', { hasText: 'verlängert um 5 Min.' }).waitFor();
    await page.locator('.step-bar li[data-step="4"]', { hasText: '15 Min.' }).waitFor();
  }
  assert.equal(await part.getByRole('button', { name: /Verschieben nach/ }).count(), 0, 'only the moderator re-sorts cards');
  await cards(mod, 'schwaechen', 'Schulden').getByRole('button', { name: 'Verschieben nach Stärken' }).click();
  await expectCardEverywhere(everyone, 'staerken', 'Schulden');
  await cards(mod, 'staerken', 'Schulden').getByRole('button', { name: 'Verschieben nach Schwächen' }).click();
  await expectCardEverywhere(everyone, 'schwaechen', 'Schulden');
  await screenshot(mod, 'step4-moderator');
  await screenshot(pres, 'step4-presenter');
  await screenshot(part, 'step4-participant');
  await part.getByRole('button', { name: 'Weitergeben' }).click();
  for (const page of everyone) await page.getByText('Die Runde ist geschlossen').waitFor();
  await addCard(pres, 'schwaechen', 'Zieht sich bei Druck zurück');
  await expectCardEverywhere(everyone, 'schwaechen', 'Zieht sich bei Druck zurück');
  await expectScreenIsServerState(everyone);
});

step('steps 5 to 7: cards in each step\'s categories', async () => {
  await nextStep(mod, everyone, 5, 'Was braucht der Klient');
  // Enter adds the card, Shift+Enter breaks the line.
  const input = part.locator('[data-column="was_taete_gut"] textarea');
  await input.click();
  await part.keyboard.type('Tagesstruktur');
  await part.keyboard.press('Shift+Enter');
  await part.keyboard.type('mit festen Zeiten');
  await part.keyboard.press('Enter');
  await expectCardEverywhere(everyone, 'was_taete_gut', 'Tagesstruktur');
  assert.equal(await cards(mod, 'was_taete_gut', 'Tagesstruktur').locator('.card-text').textContent(), 'Tagesstruktur\nmit festen Zeiten');
  assert.equal(await input.inputValue(), '', 'the field is empty for the next card');
  // Near the limit of 500 characters a counter says how much is left; the field takes no more.
  const counter = part.locator('[data-column="was_taete_gut"] .limit-counter');
  await input.fill('x'.repeat(400));
  assert.ok(await counter.isHidden(), 'no counter far from the limit');
  await input.fill('x'.repeat(477));
  await counter.filter({ hasText: 'noch 23 Zeichen' }).waitFor();
  await input.press('End');
  await part.keyboard.type('y'.repeat(30));
  assert.equal((await input.inputValue()).length, 500, 'the field refuses more than 500 characters');
  await counter.filter({ hasText: 'Keine Zeichen mehr frei: höchstens 500 Zeichen.' }).waitFor();
  await input.fill('');
  await addCard(part, 'was_taete_gut', 'Ruhe und eine feste Ansprechpersn');
  await expectCardEverywhere(everyone, 'was_taete_gut', 'feste Ansprechpersn');
  assert.equal(await cards(mod, 'was_taete_gut', 'Ansprechpersn').getByRole('button', { name: 'Bearbeiten' }).count(), 0, 'only the author edits');
  await cards(part, 'was_taete_gut', 'Ansprechpersn').getByRole('button', { name: 'Bearbeiten' }).click();
  await part.locator('[data-column="was_taete_gut"] .card.editing textarea').fill('Ruhe und eine feste Ansprechperson');
  await part.locator('[data-column="was_taete_gut"] .card.editing').getByRole('button', { name: 'Speichern' }).click();
  await expectCardEverywhere(everyone, 'was_taete_gut', 'feste Ansprechperson');
  assert.equal(await cards(mod, 'was_taete_gut', 'Ansprechpersn').count(), 0, 'the typo is gone');
  await nextStep(mod, everyone, 6, 'Was wird konkret gebraucht?');
  for (const page of everyone) {
    await page.locator('[data-column="vorhandene_hilfe"] h3', { hasText: 'Vorhandene Hilfe' }).waitFor();
    await page.locator('[data-column="zu_entwickelnde_hilfe"] h3', { hasText: 'Zu entwickelnde Hilfe' }).waitFor();
  }
  await addCard(pres, 'vorhandene_hilfe', 'Schuldnerberatung mit Begleitung');
  await expectCardEverywhere(everyone, 'vorhandene_hilfe', 'Schuldnerberatung mit Begleitung');
  await nextStep(mod, everyone, 7, 'Lücken im Hilfesystem');
  assert.equal(await part.locator('.advocatus-notice.active').count(), 0, 'no advocatus diaboli in step 7');
  await addCard(part, 'zu_spaet', 'Termin bei der Schuldnerberatung erst in drei Monaten');
  await expectCardEverywhere(everyone, 'zu_spaet', 'erst in drei Monaten');
  await expectScreenIsServerState(everyone);
});

step('step 8: options, the presenter\'s decision with review date, the team\'s backing', async () => {
  await nextStep(mod, everyone, 8, 'Nächste Schritte');
  await part.locator('#option-text').fill('Gemeinsamer Termin bei der Schuldnerberatung');
  await part.getByRole('button', { name: 'Option hinzufügen' }).click();
  for (const page of everyone) await page.locator('.option', { hasText: 'Gemeinsamer Termin' }).waitFor();
  assert.equal(await part.locator('#decision-text').count(), 0, 'only the presenter decides');
  assert.equal(await part.getByRole('button', { name: /trage ich mit/ }).count(), 0, 'no backing before a decision');
  await pres.locator('#decision-text').fill('Ich begleite K. zum ersten Termin der Schuldnerberatung.');
  await pres.locator('#review-date').fill(isoDateInDays(30));
  await pres.locator('#decision-option').selectOption({ label: 'Gemeinsamer Termin bei der Schuldnerberatung' });
  await pres.getByRole('button', { name: 'Entscheidung festhalten' }).click();
  for (const page of everyone) await page.locator('.decision blockquote', { hasText: 'Ich begleite K.' }).waitFor();
  assert.equal(await pres.getByRole('button', { name: /trage ich mit/ }).count(), 0, 'the presenter does not back their own decision');
  assert.equal(await mod.getByRole('button', { name: /trage ich mit/ }).count(), 0, 'the moderator does not vote');
  await part.getByRole('button', { name: /trage ich mit/ }).click();
  for (const page of everyone) await page.locator('.tally', { hasText: 'Ja: 1 · Nein: 0' }).waitFor();
  await screenshot(mod, 'step8-moderator');
  await screenshot(pres, 'step8-presenter');
  await screenshot(part, 'step8-participant');
  await expectScreenIsServerState(everyone);
});

step('step 9: prognosis, the presenter speaks first in the feedback, suggestions', async () => {
  await nextStep(mod, everyone, 9, 'Schlussreflexion');
  assert.equal(await nextButton(mod).count(), 0, 'no next step after the last');
  await mod.getByText('Dies ist der letzte Schritt.').waitFor();
  const feedbackButton = part.locator('[data-column="sitzungsqualitaet"]').getByRole('button', { name: 'Karte hinzufügen' });
  assert.ok(await feedbackButton.isDisabled(), 'participants wait for the presenter\'s feedback');
  await part.locator('[data-column="sitzungsqualitaet"]').getByText('Hier spricht zuerst').waitFor();
  await addCard(pres, 'sitzungsqualitaet', 'Entlastend, neue Perspektive auf die Termine');
  await expectCardEverywhere(everyone, 'sitzungsqualitaet', 'Entlastend');
  await addCard(part, 'sitzungsqualitaet', 'Gute Atmosphäre');
  await addCard(part, 'prognose', 'Unklar, ob die Schuldnerberatung rechtzeitig einen Termin hat');
  await addCard(mod, 'verbesserungsvorschlag', 'Kurzfassung vorher verschicken');
  await expectCardEverywhere(everyone, 'verbesserungsvorschlag', 'Kurzfassung vorher');
  for (const [page, rating] of [[pres, 4], [part, 3]]) {
    await page.locator(`label[for="rating-${rating}"]`).click();
    await page.getByRole('button', { name: 'Einschätzung abgeben' }).click();
  }
  for (const page of everyone) await page.locator('[data-prognosis-count="2"]').waitFor();
  await screenshot(mod, 'step9-moderator');
  await screenshot(pres, 'step9-presenter');
  await screenshot(part, 'step9-participant');
  await expectScreenIsServerState(everyone);
});

step('end: the moderator reviews and approves the minutes, everyone reads them', async () => {
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  await part.getByText('Die Sitzung ist beendet. Die Moderation prüft das Protokoll.').waitFor();
  await pres.getByText('Die Moderation prüft das Protokoll.').waitFor();
  await mod.locator('.minutes .draft-note').waitFor();
  await mod.locator('.minutes .valid-question', { hasText: 'Was hindert K.' }).waitFor();
  assert.equal(await part.locator('.minutes').count(), 0, 'no minutes for participants before the approval');
  await mod.locator('#closing-remark').fill('Wiedervorlage im nächsten Qualitätszirkel.');
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await confirmDialog(mod, 'Ja, freigeben');
  for (const page of everyone) {
    await page.locator('.minutes [data-approved="true"]').waitFor();
    await page.locator('.minutes .closing-remark', { hasText: 'Wiedervorlage im nächsten' }).waitFor();
    await page.locator('.minutes .decision-text', { hasText: 'Ich begleite K.' }).waitFor();
    await page.locator('.minutes', { hasText: 'Hält Termine ein' }).waitFor();
    assert.equal(await page.locator('#closing-remark').count(), 0, 'approved minutes cannot be edited');
  }
  await screenshot(part, 'minutes-participant');
  await part.reload();
  await part.locator('.minutes [data-approved="true"]').waitFor();
  // On a phone the minutes fit the width: nothing to scroll sideways.
  await part.setViewportSize({ width: 390, height: 844 });
  await part.locator('.minutes [data-approved="true"]').waitFor();
  const width = await part.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `minutes fit a 390 px phone (scrollWidth ${width})`);
  await screenshot(part, 'minutes-phone');
  await mod.emulateMedia({ media: 'print' });
  assert.equal(await mod.getByRole('button', { name: /Drucken/ }).isVisible(), false, 'the print layout hides the controls');
  await screenshot(mod, 'minutes-print');
  await mod.emulateMedia({ media: 'screen' });
  await expectScreenIsServerState(everyone);
  for (const page of everyone) assert.deepEqual(page.errors, [], 'no script errors');
});
