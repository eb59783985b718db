// The start page must offer the formats before any session exists, and the server has no endpoint
// listing them. This copy of the templates' titles and descriptions is checked against
// protocol/templates/*.json by tests/browser/tests/formats.test.js, so it cannot drift silently.
export const formats = [
  {
    "id": "qualitaetszirkel",
    "title": {
      "de": "Qualitätszirkel",
      "en": "Quality circle"
    },
    "description": {
      "de": "Neun feste Schritte zu einem Fall, ca. 61 Minuten: Fallvorstellung, Beratungsfrage, Kartensammlung, Entscheidung mit Wiedervorlage und Prognose.",
      "en": "Nine fixed steps for one case, about 61 minutes: presentation, consultation question, card collection, decision with review date and prognosis."
    },
    "steps": 9,
    "minutes": 61
  },
  {
    "id": "kollegiale_fallberatung",
    "title": {
      "de": "Kollegiale Fallberatung",
      "en": "Collegial case consultation"
    },
    "description": {
      "de": "Leichter als ein Qualitätszirkel: acht Punkte, ab zwei Personen bis zum ganzen Team, ohne externe Moderation und ohne Advocatus Diaboli.",
      "en": "Lighter than a quality circle: eight points, from two people up to a whole team, no external moderator and no advocatus diaboli."
    },
    "steps": 8,
    "minutes": 48
  },
  {
    "id": "interdisziplinaere_fallbesprechung",
    "title": {
      "de": "Interdisziplinäre Fallbesprechung",
      "en": "Interdisciplinary case discussion"
    },
    "description": {
      "de": "Fallbesprechung mit ein bis drei externen Expertinnen und Experten (Rolle „Expert/in“), die am Ende kommentieren und eine Prognose geben; die/der Fallverantwortliche hat das Schlusswort.",
      "en": "Case discussion with one to three external experts (role \"expert\") who comment at the end and give a prognosis; the presenter has the closing word."
    },
    "steps": 7,
    "minutes": 55
  },
  {
    "id": "fallbesprechung_fachberatung",
    "title": {
      "de": "Fallbesprechung mit Fachberatung",
      "en": "Case discussion with a specialist"
    },
    "description": {
      "de": "Regelmäßige Fallbesprechung mit einer Fachberatung (z. B. Suchtberatung), oft mit der Amtsleitung als Beobachtung: neuer Fall oder Entwicklung seit der letzten Besprechung, längere Intervention der Fachberatung (Rolle „Expert/in“).",
      "en": "Regular case discussion with a specialist (e.g. drug counselling), often with the head of office observing: a new case or developments since the last discussion, a longer intervention by the specialist (role \"expert\")."
    },
    "steps": 6,
    "minutes": 60
  },
  {
    "id": "fallkonferenz",
    "title": {
      "de": "Fallkonferenz / Runder Tisch",
      "en": "Case conference / round table"
    },
    "description": {
      "de": "Die Fachkräfte mehrerer Organisationen, die an einem Fall beteiligt sind, an kritischen Übergängen; die/der fallverantwortliche Case Manager/in lädt ein, moderiert und stellt den Fall vor.",
      "en": "The professionals of several organisations involved in one case, at critical transitions; the case manager responsible convenes, moderates and presents the case."
    },
    "steps": 6,
    "minutes": 63
  }
]
;
