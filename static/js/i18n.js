// Every UI string lives here, German first. Texts of the method itself (steps, instructions,
// hints, categories) come from the server in both languages and are picked with pick().

import { teamStrings } from './i18n_teams.js';
import { lifecycleStrings } from './i18n_lifecycle.js';
import { adminStrings } from './i18n_admin.js';
import { cycleStrings } from './i18n_cycle.js';
import { changesStrings } from './i18n_changes.js';

const strings = {
  de: {
    app_tagline: 'Strukturierte Fallberatung im Team',
    lang_switch: 'English',
    lang_switch_label: 'Switch to English',
    conn_connecting: 'Verbindung wird hergestellt …',
    conn_online: 'verbunden',
    conn_reconnecting: 'Verbindung wird wiederhergestellt …',
    conn_offline: 'offline',
    conn_idle: 'nicht verbunden',
    conn_label: 'Verbindung',
    pending_count: '{n} Eingabe(n) warten auf die Verbindung und werden danach gesendet.',
    pending_marker: 'wird gesendet …',

    start_title: 'Sitzung beginnen oder beitreten',
    start_title_join: 'Willkommen bei casecircle',
    enter_as: 'Sie nehmen als „{name}“ teil (Name Ihres Kontos).',
    create_after_login: 'Neue Sitzungen legt an, wer im Team moderiert – nach der Anmeldung.',
    create_moderators_only: 'Neue Sitzungen legt an, wer im Team die Rolle Moderation hat.',
    create_heading: 'Neue Sitzung anlegen',
    create_intro: 'Sie moderieren die Sitzung. Die anderen treten mit dem Einladungscode bei, den Sie danach sehen.',
    format_legend: 'Format',
    case_code_label: 'Fallcode (Pseudonym)',
    case_code_hint: 'Bitte keine Namen von Klient/innen. Der Code braucht mindestens eine Ziffer, z. B. „FALL-2026-17“. Erlaubt: Buchstaben A–Z, Ziffern, Leerzeichen und - _ . /',
    title_label: 'Thema (freiwillig)',
    title_hint: 'Zum Beispiel „Verlängerung der Hilfe“ – ebenfalls ohne Namen.',
    your_name_label: 'Ihr Name',
    your_name_hint: 'So sehen die anderen Sie in der Sitzung, z. B. „Moderatorin M.“.',
    create_button: 'Sitzung anlegen',
    join_heading: 'Einer Sitzung beitreten',
    join_intro: 'Die Moderation gibt Ihnen den Einladungscode.',
    invite_label: 'Einladungscode',
    invite_hint: 'Zum Beispiel „K7QM-3XPA-9DHT“. Groß- und Kleinschreibung und Bindestriche sind egal.',
    join_button: 'Beitreten',
    entering: 'Einen Moment …',
    resuming_title: 'Zurück in die Sitzung …',
    resuming_hint: 'Sobald der Server erreichbar ist, geht es an derselben Stelle weiter.',
    resuming_leave: 'Stattdessen zur Startseite',
    duration_minutes: 'ca. {n} Min.',

    err_unknown_invite: 'Zu diesem Einladungscode gibt es keine offene Sitzung. Bitte prüfen Sie den Code.',
    err_unknown_token: 'Ihre frühere Sitzung ist nicht mehr erreichbar. Bitte treten Sie neu bei.',
    err_unknown_format: 'Dieses Format ist auf dem Server nicht verfügbar.',
    err_storage_unavailable: 'Der Server kann gerade nicht speichern. Ihre Eingabe wird gleich erneut gesendet.',
    err_generic: 'Das hat nicht geklappt.',
    confirm_identifying_button: 'Keine echte Person – trotzdem eröffnen',
    err_connection_failed: 'Der Server ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    rejected_prefix: 'Nicht übernommen:',
    your_text_was: 'Ihr Text war:',
    dismiss: 'Schließen',

    room_label: 'Sitzungsraum',
    format: 'Format',
    step_of: 'Schritt {n} von {total}',
    steps_heading: 'Ablauf',
    step_current: 'jetzt',
    step_done: 'erledigt',
    min_short: '{n} Min.',
    budget_note_default: 'Die Zeiten sind Richtwerte; niemand wird unterbrochen.',

    timer_label: 'Zeit im Schritt',
    timer_left: 'verbleibend',
    timer_over: 'über der Zeit',
    timer_paused: 'pausiert',
    timer_not_started: 'noch nicht begonnen',
    timer_extended: '(verlängert um {n} Min.)',

    instructions_heading: 'Was jetzt geschieht',
    moderator_hint_heading: 'Hinweis für die Moderation',
    moderator_hint_private: 'nur für Sie sichtbar',

    people_heading: 'Wer ist dabei',
    you: 'Sie',
    present_online: 'online',
    present_offline: 'nicht verbunden',
    present_unknown: 'Status unbekannt (Sie sind nicht verbunden)',
    left_session: 'hat die Sitzung verlassen',
    role_moderator: 'Moderation',
    role_presenter: 'Fallverantwortliche/r',
    role_participant: 'Teilnehmende/r',
    role_expert: 'Expert/in, Gast',
    role_observer: 'Beobachtung',
    advocatus: 'Advocatus Diaboli',
    advocatus_short: 'AD',
    advocatus_active_you: 'Sie sind Advocatus Diaboli: Halten Sie in diesem Schritt bewusst dagegen.',
    advocatus_you_later: 'Sie sind Advocatus Diaboli; die Rolle ist in den markierten Schritten aktiv.',
    make_presenter: 'Als Fallverantwortliche/n festlegen',
    role_of: 'Rolle von {name}',
    role_apply: 'Rolle ändern',
    advocatus_select: 'Advocatus Diaboli',
    advocatus_none: 'niemand',
    advocatus_set: 'Festlegen',

    invite_heading: 'Einladungscode',
    invite_share: 'Geben Sie diesen Code an die Teilnehmenden weiter:',
    copy: 'Kopieren',
    copied: 'Kopiert',

    lobby_heading: 'Vor dem Beginn',
    previous_heading: 'Seit der letzten Besprechung dieses Falls',
    lobby_waiting: 'Die Sitzung hat noch nicht begonnen. Die Moderation startet, sobald alle da sind.',
    lobby_need_presenter: 'Bevor Sie beginnen: Legen Sie fest, wer den Fall vorstellt (Fallverantwortliche/r).',
    lobby_ready: 'Alles bereit. Starten Sie, wenn alle da sind.',
    lobby_presenter_is: 'Den Fall stellt vor: {name}',
    previous_prognosis: 'Prognose damals',
    prognosis_then: '{n} Einschätzung(en), Mittel {avg} von 5',
    prognosis_then_counts: 'Stufen 1–5: {counts}',
    prognosis_then_none: 'keine Prognose',
    outcome_heading: 'Was daraus wurde',
    outcome_done: 'umgesetzt',
    outcome_partly: 'teilweise umgesetzt',
    outcome_not_done: 'nicht umgesetzt',
    outcome_missing: 'Noch nicht festgehalten.',
    outcome_by: 'festgehalten von {name}',
    outcome_hint: 'Sie stellen den Fall vor: Halten Sie fest, was aus der damaligen Entscheidung geworden ist. Bis zum Ende der Sitzung können Sie es ändern.',
    outcome_question: 'Was ist aus der Entscheidung geworden?',
    outcome_note_label: 'Anmerkung (optional)',
    outcome_save: 'Ergebnis festhalten',

    controls_heading: 'Moderation',
    start: 'Sitzung beginnen',
    next_step: 'Nächster Schritt',
    previous_step: 'Vorheriger Schritt',
    pause: 'Pause',
    resume: 'Fortsetzen',
    extend: '+5 Minuten',
    end_session: 'Sitzung beenden',
    cancel_session: 'Sitzung absagen',
    check_heading: 'Vorbereitung',
    check_invite: 'Einladungscode weitergeben – die anderen treten bei',
    check_presenter: 'Festlegen, wer den Fall vorstellt (Fallverantwortliche/r)',
    check_advocatus: 'Advocatus Diaboli bestimmen',
    check_optional: 'freiwillig',
    check_start: 'Sitzung beginnen, wenn alle da sind',
    confirm_next_title: 'Zum nächsten Schritt wechseln?',
    confirm_next_text: 'Schritt {n} „{title}“ wird abgeschlossen; danach folgt „{next}“. Karten dieses Schritts können dann nicht mehr geändert werden.',
    confirm_previous_title: 'Zum vorherigen Schritt zurück?',
    confirm_previous_text: 'Der Schritt „{title}“ wird wieder geöffnet; seine Zeit läuft weiter.',
    confirm_end_title: 'Sitzung beenden?',
    confirm_end_text: 'Danach kann nichts mehr eingetragen werden. Sie sehen anschließend den Protokollentwurf.',
    confirm_yes_next: 'Ja, weiter',
    confirm_yes_previous: 'Ja, zurück',
    confirm_yes_end: 'Ja, beenden',
    confirm_cancel: 'Abbrechen',
    session_paused_banner: 'Die Sitzung ist pausiert.',
    last_step_note: 'Dies ist der letzte Schritt.',

    summary_heading: 'Kurzfassung des Fallberichts',
    summary_history: '1. Vorgeschichte',
    summary_history_hint: 'Schule, Ausbildung, Berufserfahrung; soziale Herkunft und Familiengeschichte; Geschichte im Hilfesystem',
    summary_initial: '2. Situation zu Beginn des Case Managements',
    summary_initial_hint: 'Erwerbsstatus, soziale Bindungen, Stellung im Hilfesystem',
    summary_work: '3. Bisherige Case-Management-Arbeit',
    summary_work_hint: 'Problemanalyse, Hilfeplanung und Ziele, Hilfeschritte, Arbeitsbündnis',
    summary_steering: '4. Leistungssteuerung',
    summary_steering_hint: 'Bisherige Kooperation, Kooperationsprobleme, Lücken im Angebot',
    summary_save: 'Kurzfassung speichern',
    summary_missing: 'Die Kurzfassung ist noch nicht festgehalten.',
    summary_part_empty: '(noch leer)',
    saved_at: 'Gespeichert um {time}',

    question_heading: 'Beratungsfrage',
    question_label: 'Ihre Beratungsfrage, kurz und präzise',
    question_save: 'Frage festhalten',
    question_missing: 'Die Beratungsfrage ist noch nicht festgehalten.',
    question_original: 'Frage der/des Fallverantwortlichen',
    question_alternatives: 'Alternative Fragen',
    question_no_alternatives: 'Noch keine alternativen Fragen.',
    question_propose_label: 'Alternative Frage vorschlagen',
    question_propose: 'Vorschlagen',
    question_choose: 'Als gültige Frage festlegen',
    question_valid: 'gültige Beratungsfrage',
    question_valid_banner: 'Gültige Beratungsfrage',
    question_not_chosen: 'Noch nicht festgelegt – bis dahin gilt die Frage der/des Fallverantwortlichen.',

    board_heading: 'Karten',
    card_label: 'Neue Karte: {category}',
    card_add: 'Karte hinzufügen',
    card_withdraw: 'Zurückziehen',
    card_edit: 'Bearbeiten',
    card_save: 'Speichern',
    card_move: 'Verschieben nach',
    card_by: 'von {name}',
    no_cards: 'Noch keine Karten.',
    presenter_first_note: 'Hier spricht zuerst die/der Fallverantwortliche.',
    collect_dont_discuss: 'Sammeln, nicht diskutieren.',
    scribe_note: 'Sie schreiben als Moderation mit; das kostet niemanden den Zug.',

    round_heading: 'Reihum',
    round_number: 'Runde {n}',
    round_turn_of: 'An der Reihe: {name}',
    round_your_turn: 'Sie sind an der Reihe: Schreiben Sie eine Karte oder geben Sie weiter.',
    round_wait: 'Bitte warten Sie, bis Sie an der Reihe sind. Sie können Ihre Karte schon vorbereiten.',
    round_outside: 'Die anderen sammeln gerade reihum; Sie gehören nicht zur Runde. Sobald die Runde geschlossen ist, können Sie frei mitschreiben.',
    round_closed: 'Die Runde ist geschlossen: Alle sammeln jetzt frei.',
    round_empty: 'Noch niemand in der Runde – es wird frei gesammelt.',
    round_pass: 'Weitergeben',
    round_skip: 'Überspringen',
    round_order: 'Reihenfolge',
    round_marker_turn: 'ist dran',

    options_heading: 'Mögliche nächste Schritte',
    options_none: 'Noch keine Optionen.',
    option_label: 'Option vorschlagen',
    option_add: 'Option hinzufügen',
    decision_heading: 'Entscheidung der/des Fallverantwortlichen',
    decision_label: 'Ihre Entscheidung: Welchen Schritt gehen Sie?',
    decision_option_label: 'Bezug zu einer Option (freiwillig)',
    decision_option_none: 'keine',
    review_date_label: 'Wiedervorlage am',
    review_date_hint: 'Heute oder später.',
    decision_save: 'Entscheidung festhalten',
    decision_missing: 'Noch keine Entscheidung.',
    decision_review: 'Wiedervorlage: {date}',
    decision_team_note: 'Das Team kann nur empfehlen; entscheiden tut die/der Fallverantwortliche.',
    backing_heading: 'Trägt das Team die Entscheidung mit?',
    backing_yes: 'Ja, trage ich mit',
    backing_no: 'Nein',
    backing_abstain: 'Enthaltung',
    backing_note_label: 'Anmerkung (freiwillig)',
    backing_your_vote: 'Ihre Stimme: {vote}',
    backing_tally: 'Ja: {yes} · Nein: {no} · Enthaltung: {abstain}',
    vote_yes: 'ja',
    vote_no: 'nein',
    vote_abstain: 'Enthaltung',
    backing_after_decision: 'Sobald eine Entscheidung festgehalten ist, kann das Team sagen, ob es sie mitträgt.',

    prognosis_heading: 'Prognose',
    prognosis_question: 'Wie wahrscheinlich ist der Erfolg?',
    prognosis_1: '1 – sehr unwahrscheinlich',
    prognosis_2: '2 – eher unwahrscheinlich',
    prognosis_3: '3 – offen',
    prognosis_4: '4 – eher wahrscheinlich',
    prognosis_5: '5 – sehr wahrscheinlich',
    prognosis_give: 'Einschätzung abgeben',
    prognosis_yours: 'Ihre Einschätzung: {rating}',
    prognosis_count: '{n} Einschätzung(en), Mittel {avg}',
    prognosis_none: 'Noch keine Einschätzungen.',

    ended_heading: 'Die Sitzung ist beendet',
    minutes_draft_heading: 'Protokollentwurf',
    minutes_draft_intro: 'Bitte prüfen Sie den Entwurf. Mit der Freigabe wird das Protokoll endgültig und für alle sichtbar.',
    closing_remark_label: 'Schlussbemerkung (freiwillig)',
    approve: 'Protokoll freigeben',
    confirm_approve_title: 'Protokoll freigeben?',
    confirm_approve_text: 'Danach ist das Protokoll endgültig und kann nicht mehr geändert werden.',
    confirm_yes_approve: 'Ja, freigeben',
    minutes_loading: 'Das Protokoll wird geladen …',
    print: 'Drucken',

    m_title: 'Protokoll',
    m_draft: 'Entwurf – noch nicht freigegeben',
    m_approved: 'Freigegeben am {date} von {name}',
    m_date: 'Datum',
    m_format: 'Format',
    m_case_code: 'Fallcode',
    m_topic: 'Thema',
    m_moderator: 'Moderation',
    m_participants: 'Teilnehmende',
    m_summary: 'Kurzfassung des Fallberichts',
    m_question: 'Beratungsfrage',
    m_question_original: 'Ursprüngliche Frage',
    m_question_valid: 'Gültige Frage',
    m_question_alternatives: 'Alternative Fragen',
    m_steps: 'Ablauf und Zeiten',
    m_step: 'Schritt',
    m_planned: 'geplant',
    m_actual: 'tatsächlich',
    m_not_reached: 'nicht erreicht',
    m_cards: 'Karten',
    m_options: 'Optionen',
    m_decision: 'Entscheidung',
    m_review_date: 'Wiedervorlage',
    m_backing: 'Mittragen',
    m_not_stated: 'ohne Angabe',
    m_prognosis: 'Prognose',
    m_obstacles: 'Was einer sicheren Prognose entgegensteht',
    m_feedback: 'Rückmeldung zur Sitzung',
    m_suggestions: 'Vorschläge zum Verfahren',
    m_open_points: 'Offene Punkte',
    m_closing_remark: 'Schlussbemerkung',
    m_none: '–',
    m_minutes: '{n} Min.',
    m_distribution: 'Verteilung (1 = sehr unwahrscheinlich … 5 = sehr wahrscheinlich)',
    m_related_option: 'Bezug zur Option',
    m_previous: 'Letzte Besprechung dieses Falls',

    projector_open: 'Projektor-Ansicht',
    projector_close: 'Projektor-Ansicht verlassen',
    projector_label: 'Projektor-Ansicht',
    projector_invite: 'Beitreten mit Code',

    controls_offline: 'Keine Verbindung: Schritte wechseln, pausieren, Rollen vergeben und beenden geht erst wieder, wenn die Verbindung steht. Karten und Einträge können Sie weiter schreiben; sie werden danach gesendet.',
    offline_only_later: 'geht erst wieder mit Verbindung',
    chars_left: 'noch {n} Zeichen',
    chars_none: 'Keine Zeichen mehr frei: höchstens {max} Zeichen.',
    chars_cut: 'Nicht alles passte hinein: höchstens {max} Zeichen. Bitte kürzen Sie den Text oder teilen Sie ihn auf.',
    card_enter_hint: 'Eingabetaste fügt die Karte hinzu, Umschalt + Eingabetaste beginnt eine neue Zeile.',
    offline_not_sent: 'Keine Verbindung: Das wurde nicht gesendet. Bitte versuchen Sie es noch einmal, sobald die Verbindung wieder steht.',
  },
  en: {
    app_tagline: 'Structured case review in teams',
    lang_switch: 'Deutsch',
    lang_switch_label: 'Auf Deutsch umschalten',
    conn_connecting: 'Connecting …',
    conn_online: 'connected',
    conn_reconnecting: 'Reconnecting …',
    conn_offline: 'offline',
    conn_idle: 'not connected',
    conn_label: 'Connection',
    pending_count: '{n} entry(ies) waiting for the connection; they will be sent then.',
    pending_marker: 'sending …',

    start_title: 'Start or join a session',
    create_heading: 'Create a new session',
    start_title_join: 'Welcome to casecircle',
    enter_as: 'You take part as "{name}" (your account\'s name).',
    create_after_login: 'New sessions are created by the team\'s moderators – after logging in.',
    create_moderators_only: 'New sessions are created by those with the moderator role in the team.',
    create_intro: 'You moderate the session. The others join with the invitation code you will see next.',
    format_legend: 'Format',
    case_code_label: 'Case code (pseudonym)',
    case_code_hint: 'No client names, please. The code needs at least one digit, e.g. "FALL-2026-17". Allowed: letters A–Z, digits, spaces and - _ . /',
    title_label: 'Topic (optional)',
    title_hint: 'For example "Extension of support" – again without names.',
    your_name_label: 'Your name',
    your_name_hint: 'This is how the others see you in the session, e.g. "Moderator M.".',
    create_button: 'Create session',
    join_heading: 'Join a session',
    join_intro: 'The moderator gives you the invitation code.',
    invite_label: 'Invitation code',
    invite_hint: 'For example "K7QM-3XPA-9DHT". Case and dashes do not matter.',
    join_button: 'Join',
    entering: 'One moment …',
    resuming_title: 'Returning to the session …',
    resuming_hint: 'As soon as the server can be reached, you continue where you left off.',
    resuming_leave: 'Go to the start page instead',
    duration_minutes: 'about {n} min',

    err_unknown_invite: 'There is no open session with this invitation code. Please check the code.',
    err_unknown_token: 'Your earlier session can no longer be reached. Please join again.',
    err_unknown_format: 'This format is not available on the server.',
    err_storage_unavailable: 'The server cannot save right now. Your entry will be sent again shortly.',
    err_generic: 'That did not work.',
    confirm_identifying_button: 'No real person – open anyway',
    err_connection_failed: 'The server cannot be reached. Please try again in a moment.',
    rejected_prefix: 'Not accepted:',
    your_text_was: 'Your text was:',
    dismiss: 'Close',

    room_label: 'Session room',
    format: 'Format',
    step_of: 'Step {n} of {total}',
    steps_heading: 'Steps',
    step_current: 'now',
    step_done: 'done',
    min_short: '{n} min',
    budget_note_default: 'Times are guides; nobody is cut off.',

    timer_label: 'Time in this step',
    timer_left: 'remaining',
    timer_over: 'over time',
    timer_paused: 'paused',
    timer_not_started: 'not started yet',
    timer_extended: '(extended by {n} min)',

    instructions_heading: 'What happens now',
    moderator_hint_heading: 'Hint for the moderator',
    moderator_hint_private: 'only you see this',

    people_heading: 'Who is here',
    you: 'you',
    present_online: 'online',
    present_offline: 'not connected',
    present_unknown: 'status unknown (you are not connected)',
    left_session: 'has left the session',
    role_moderator: 'Moderator',
    role_presenter: 'Presenting case manager',
    role_participant: 'Participant',
    role_expert: 'Expert, guest',
    role_observer: 'Observer',
    advocatus: 'Advocatus diaboli',
    advocatus_short: 'AD',
    advocatus_active_you: 'You are the advocatus diaboli: deliberately argue against in this step.',
    advocatus_you_later: 'You are the advocatus diaboli; the role is active in the marked steps.',
    make_presenter: 'Make presenting case manager',
    role_of: 'Role of {name}',
    role_apply: 'Change role',
    advocatus_select: 'Advocatus diaboli',
    advocatus_none: 'nobody',
    advocatus_set: 'Set',

    invite_heading: 'Invitation code',
    invite_share: 'Give this code to the participants:',
    copy: 'Copy',
    copied: 'Copied',

    lobby_heading: 'Before the start',
    previous_heading: 'Since the last discussion of this case',
    lobby_waiting: 'The session has not started yet. The moderator starts once everyone is here.',
    lobby_need_presenter: 'Before you start: choose who presents the case (presenting case manager).',
    lobby_ready: 'All set. Start when everyone is here.',
    lobby_presenter_is: 'Presenting the case: {name}',
    previous_prognosis: 'Prognosis then',
    prognosis_then: '{n} rating(s), mean {avg} of 5',
    prognosis_then_counts: 'levels 1–5: {counts}',
    prognosis_then_none: 'no prognosis',
    outcome_heading: 'What came of it',
    outcome_done: 'carried out',
    outcome_partly: 'partly carried out',
    outcome_not_done: 'not carried out',
    outcome_missing: 'Not recorded yet.',
    outcome_by: 'recorded by {name}',
    outcome_hint: 'You present the case: record what became of the decision taken then. You can change it until the session ends.',
    outcome_question: 'What became of the decision?',
    outcome_note_label: 'Note (optional)',
    outcome_save: 'Record the outcome',

    controls_heading: 'Moderation',
    start: 'Start the session',
    next_step: 'Next step',
    previous_step: 'Previous step',
    pause: 'Pause',
    resume: 'Resume',
    extend: '+5 minutes',
    end_session: 'End the session',
    cancel_session: 'Cancel the session',
    check_heading: 'Preparation',
    check_invite: 'Share the invitation code – the others join',
    check_presenter: 'Choose who presents the case (presenting case manager)',
    check_advocatus: 'Choose the advocatus diaboli',
    check_optional: 'optional',
    check_start: 'Start the session when everyone is here',
    confirm_next_title: 'Move on to the next step?',
    confirm_next_text: 'Step {n} "{title}" will be closed; "{next}" follows. Cards of this step can no longer be changed then.',
    confirm_previous_title: 'Go back to the previous step?',
    confirm_previous_text: 'The step "{title}" will be reopened; its time keeps adding up.',
    confirm_end_title: 'End the session?',
    confirm_end_text: 'Nothing can be entered afterwards. You will then see the draft minutes.',
    confirm_yes_next: 'Yes, move on',
    confirm_yes_previous: 'Yes, go back',
    confirm_yes_end: 'Yes, end it',
    confirm_cancel: 'Cancel',
    session_paused_banner: 'The session is paused.',
    last_step_note: 'This is the last step.',

    summary_heading: 'Short version of the case report',
    summary_history: '1. History',
    summary_history_hint: 'School, training, work experience; social origin and family history; history in the help system',
    summary_initial: '2. Situation at the start of case management',
    summary_initial_hint: 'Employment status, social ties, position in the help system',
    summary_work: '3. Case-management work so far',
    summary_work_hint: 'Problem analysis, help planning and goals, steps of help, working alliance',
    summary_steering: '4. Service steering',
    summary_steering_hint: 'Cooperation so far, problems of cooperation, gaps in what is on offer',
    summary_save: 'Save short version',
    summary_missing: 'The short version has not been recorded yet.',
    summary_part_empty: '(still empty)',
    saved_at: 'Saved at {time}',

    question_heading: 'Consultation question',
    question_label: 'Your consultation question, short and precise',
    question_save: 'Record question',
    question_missing: 'The consultation question has not been recorded yet.',
    question_original: "Presenter's question",
    question_alternatives: 'Alternative questions',
    question_no_alternatives: 'No alternative questions yet.',
    question_propose_label: 'Propose an alternative question',
    question_propose: 'Propose',
    question_choose: 'Make this the valid question',
    question_valid: 'valid consultation question',
    question_valid_banner: 'Valid consultation question',
    question_not_chosen: "Not chosen yet – until then the presenter's question applies.",

    board_heading: 'Cards',
    card_label: 'New card: {category}',
    card_add: 'Add card',
    card_withdraw: 'Withdraw',
    card_edit: 'Edit',
    card_save: 'Save',
    card_move: 'Move to',
    card_by: 'by {name}',
    no_cards: 'No cards yet.',
    presenter_first_note: 'The presenting case manager speaks first here.',
    collect_dont_discuss: "Collect, don't discuss.",
    scribe_note: 'As moderator you write along as scribe; this costs nobody their turn.',

    round_heading: 'In turn',
    round_number: 'Round {n}',
    round_turn_of: 'Whose turn: {name}',
    round_your_turn: 'It is your turn: write one card or pass.',
    round_wait: 'Please wait for your turn. You can prepare your card already.',
    round_outside: 'The others are collecting in turn; you are not part of the round. Once the round is closed, you can write freely.',
    round_closed: 'The round is closed: everyone collects freely now.',
    round_empty: 'Nobody in the round yet – collecting freely.',
    round_pass: 'Pass',
    round_skip: 'Skip',
    round_order: 'Order',
    round_marker_turn: 'has the turn',

    options_heading: 'Possible next steps',
    options_none: 'No options yet.',
    option_label: 'Propose an option',
    option_add: 'Add option',
    decision_heading: "The presenting case manager's decision",
    decision_label: 'Your decision: which step will you take?',
    decision_option_label: 'Related option (optional)',
    decision_option_none: 'none',
    review_date_label: 'Review on',
    review_date_hint: 'Today or later.',
    decision_save: 'Record decision',
    decision_missing: 'No decision yet.',
    decision_review: 'Review: {date}',
    decision_team_note: 'The team can only recommend; the presenting case manager decides.',
    backing_heading: 'Does the team back the decision?',
    backing_yes: 'Yes, I back it',
    backing_no: 'No',
    backing_abstain: 'Abstain',
    backing_note_label: 'Note (optional)',
    backing_your_vote: 'Your vote: {vote}',
    backing_tally: 'Yes: {yes} · No: {no} · Abstain: {abstain}',
    vote_yes: 'yes',
    vote_no: 'no',
    vote_abstain: 'abstain',
    backing_after_decision: 'Once a decision is recorded, the team can say whether it backs it.',

    prognosis_heading: 'Prognosis',
    prognosis_question: 'How likely is success?',
    prognosis_1: '1 – very unlikely',
    prognosis_2: '2 – rather unlikely',
    prognosis_3: '3 – open',
    prognosis_4: '4 – rather likely',
    prognosis_5: '5 – very likely',
    prognosis_give: 'Give rating',
    prognosis_yours: 'Your rating: {rating}',
    prognosis_count: '{n} rating(s), mean {avg}',
    prognosis_none: 'No ratings yet.',

    ended_heading: 'The session has ended',
    minutes_draft_heading: 'Draft minutes',
    minutes_draft_intro: 'Please review the draft. Approval makes the minutes final and visible to everyone.',
    closing_remark_label: 'Closing remark (optional)',
    approve: 'Approve minutes',
    confirm_approve_title: 'Approve the minutes?',
    confirm_approve_text: 'The minutes are final afterwards and can no longer be changed.',
    confirm_yes_approve: 'Yes, approve',
    minutes_loading: 'Loading the minutes …',
    print: 'Print',

    m_title: 'Minutes',
    m_draft: 'Draft – not approved yet',
    m_approved: 'Approved on {date} by {name}',
    m_date: 'Date',
    m_format: 'Format',
    m_case_code: 'Case code',
    m_topic: 'Topic',
    m_moderator: 'Moderator',
    m_participants: 'Participants',
    m_summary: 'Short version of the case report',
    m_question: 'Consultation question',
    m_question_original: 'Original question',
    m_question_valid: 'Valid question',
    m_question_alternatives: 'Alternative questions',
    m_steps: 'Steps and times',
    m_step: 'Step',
    m_planned: 'planned',
    m_actual: 'actual',
    m_not_reached: 'not reached',
    m_cards: 'Cards',
    m_options: 'Options',
    m_decision: 'Decision',
    m_review_date: 'Review date',
    m_backing: 'Backing',
    m_not_stated: 'not stated',
    m_prognosis: 'Prognosis',
    m_obstacles: 'What stands in the way of a safe prognosis',
    m_feedback: 'Feedback on the session',
    m_suggestions: 'Suggestions on the procedure',
    m_open_points: 'Open points',
    m_closing_remark: 'Closing remark',
    m_none: '–',
    m_minutes: '{n} min',
    m_distribution: 'Distribution (1 = very unlikely … 5 = very likely)',
    m_related_option: 'Related option',
    m_previous: 'Last discussion of this case',

    projector_open: 'Projector view',
    projector_close: 'Leave projector view',
    projector_label: 'Projector view',
    projector_invite: 'Join with code',

    controls_offline: 'No connection: changing steps, pausing, giving roles and ending work again once the connection is back. You can go on writing cards and entries; they are sent then.',
    offline_only_later: 'works again once connected',
    chars_left: '{n} characters left',
    chars_none: 'No characters left: at most {max} characters.',
    chars_cut: 'Not everything fitted: at most {max} characters. Please shorten the text or split it.',
    card_enter_hint: 'Enter adds the card, Shift + Enter starts a new line.',
    offline_not_sent: 'No connection: this was not sent. Please try again once the connection is back.',
  },
};

Object.assign(strings.de, teamStrings.de);
Object.assign(strings.en, teamStrings.en);
Object.assign(strings.de, lifecycleStrings.de);
Object.assign(strings.en, lifecycleStrings.en);
Object.assign(strings.de, adminStrings.de);
Object.assign(strings.en, adminStrings.en);
Object.assign(strings.de, cycleStrings.de);
Object.assign(strings.en, cycleStrings.en);
Object.assign(strings.de, changesStrings.de);
Object.assign(strings.en, changesStrings.en);

const listeners = new Set();
// Guarded so the dictionaries and formatters can also be loaded by the Node unit tests.
const storage = globalThis.localStorage;
let lang = storage?.getItem('casecircle.lang') === 'en' ? 'en' : 'de';
if (globalThis.document) document.documentElement.lang = lang;

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'de';
  storage?.setItem('casecircle.lang', lang);
  if (globalThis.document) document.documentElement.lang = lang;
  listeners.forEach((fn) => fn(lang));
}

export function onLanguageChange(fn) {
  listeners.add(fn);
}

// A missing key shows itself rather than an empty space, so a gap is noticed in review.
export function t(key, vars = {}) {
  const text = strings[lang][key] ?? strings.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// Texts of the method arrive as {de, en}; plain strings pass through.
export function pick(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.de ?? '';
}

export function roleName(role) {
  return t(`role_${role}`);
}

// The team's time zone (teams[].time_zone of /api/me): instants are shown in it, as the server's
// minutes and exports do, whatever the device is set to. Unset (no team yet): the device's zone.
let timeZone;

export function setTimeZone(zone) {
  try {
    timeZone = zone ? new Intl.DateTimeFormat('de-DE', { timeZone: zone }).resolvedOptions().timeZone : undefined;
  } catch {
    timeZone = undefined; // a zone this browser does not know: its own rather than none
  }
}

export function currentTimeZone() {
  return timeZone;
}

// The wall-clock parts of an instant in the team's zone: { day: 'YYYY-MM-DD', time: 'HH:MM' }.
export function zonedParts(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

// The instant a day and time name on the team's wall clock (the inverse of zonedParts): the zone's
// offset is read at a first guess and once more at the result, which settles it across a change
// of the clocks. NaN for an unreadable input.
export function zonedInstant(day, time) {
  const wall = Date.parse(`${day}T${time}:00Z`);
  if (!Number.isFinite(wall)) return NaN;
  const offsetAt = (ms) => {
    const p = zonedParts(ms);
    return Date.parse(`${p.day}T${p.time}:00Z`) - Math.floor(ms / 60000) * 60000;
  };
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

// "7.12.2026": a day YYYY-MM-DD as it is (already the team's), an instant (ms) in the team's zone.
export function formatDate(isoOrMs) {
  if (isoOrMs === null || isoOrMs === undefined || isoOrMs === '') return '';
  const instant = typeof isoOrMs === 'number';
  const d = instant ? new Date(isoOrMs) : new Date(`${isoOrMs}T00:00:00Z`);
  return d.toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: instant ? timeZone : 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' });
}

export function formatNumber(n, digits = 0) {
  return n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 1) });
}

export function formatTime(ms) {
  if (!ms) return '';
  return new Date(ms).toLocaleTimeString(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
}

// "7.12.2026, 00:36", like the minutes the server renders.
export function formatDateTime(ms) {
  if (!ms) return '';
  return new Date(ms).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const dictionaries = strings;
