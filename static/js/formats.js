// The start page must offer the formats before any session exists, also logged out (the team's
// own formats, GET /api/teams/{team}/formats, are added after login: format_editor.js). This copy of the templates' titles and descriptions is checked against
// protocol/templates/*.json by tests/browser/tests/client_units.test.js, so it cannot drift silently.
// `collecting`: the steps in which cards are written, with their categories (record categories
// left out) – what colleagues may write beforehand for a registered case.
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
    "minutes": 61,
    "collecting": [
      {
        "step": 4,
        "title": {
          "de": "Unzensierte Einfälle zu Problemen und Ressourcen",
          "en": "Uncensored ideas on problems and resources"
        },
        "categories": [
          {
            "key": "schwaechen",
            "title": {
              "de": "Schwächen",
              "en": "Weaknesses"
            }
          },
          {
            "key": "staerken",
            "title": {
              "de": "Stärken",
              "en": "Strengths"
            }
          }
        ]
      },
      {
        "step": 5,
        "title": {
          "de": "Was braucht der Klient, was täte ihm gut?",
          "en": "What does the client need, what would do them good?"
        },
        "categories": [
          {
            "key": "was_taete_gut",
            "title": {
              "de": "Was täte gut",
              "en": "What would do good"
            }
          }
        ]
      },
      {
        "step": 6,
        "title": {
          "de": "Was wird konkret gebraucht?",
          "en": "What is concretely needed?"
        },
        "categories": [
          {
            "key": "vorhandene_hilfe",
            "title": {
              "de": "Vorhandene Hilfe",
              "en": "Existing help"
            }
          },
          {
            "key": "zu_entwickelnde_hilfe",
            "title": {
              "de": "Zu entwickelnde Hilfe",
              "en": "Help to be developed"
            }
          }
        ]
      },
      {
        "step": 7,
        "title": {
          "de": "Lücken im Hilfesystem",
          "en": "Gaps in the help system"
        },
        "categories": [
          {
            "key": "fehlt",
            "title": {
              "de": "Fehlt",
              "en": "Missing"
            }
          },
          {
            "key": "unzureichend",
            "title": {
              "de": "Unzureichend",
              "en": "Insufficient"
            }
          },
          {
            "key": "zu_spaet",
            "title": {
              "de": "Zu spät",
              "en": "Too late"
            }
          },
          {
            "key": "kooperation_scheitert",
            "title": {
              "de": "Kooperation scheitert",
              "en": "Cooperation fails"
            }
          }
        ]
      }
    ]
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
    "minutes": 48,
    "collecting": [
      {
        "step": 2,
        "title": {
          "de": "Informationsfragen und Beratungsfrage",
          "en": "Information questions and consultation question"
        },
        "categories": [
          {
            "key": "informationsfragen",
            "title": {
              "de": "Informationsfragen",
              "en": "Information questions"
            }
          }
        ]
      },
      {
        "step": 3,
        "title": {
          "de": "Schwächen und Stärken",
          "en": "Weaknesses and strengths"
        },
        "categories": [
          {
            "key": "schwaechen",
            "title": {
              "de": "Schwächen",
              "en": "Weaknesses"
            }
          },
          {
            "key": "staerken",
            "title": {
              "de": "Stärken",
              "en": "Strengths"
            }
          }
        ]
      },
      {
        "step": 4,
        "title": {
          "de": "Was täte gut, was wird gebraucht?",
          "en": "What would do good, what is needed?"
        },
        "categories": [
          {
            "key": "bedarf",
            "title": {
              "de": "Was täte gut",
              "en": "What would do good"
            }
          }
        ]
      },
      {
        "step": 5,
        "title": {
          "de": "Hilfe im Case Management und eigener Beitrag",
          "en": "Help within case management and own contribution"
        },
        "categories": [
          {
            "key": "hilfe_im_cm",
            "title": {
              "de": "Hilfe im Case Management",
              "en": "Help within case management"
            }
          },
          {
            "key": "eigener_beitrag",
            "title": {
              "de": "Beitrag der/des Fallverantwortlichen",
              "en": "Presenter's contribution"
            }
          }
        ]
      }
    ]
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
    "minutes": 55,
    "collecting": [
      {
        "step": 3,
        "title": {
          "de": "Informationsfragen der Kolleginnen und Kollegen",
          "en": "Information questions from colleagues"
        },
        "categories": [
          {
            "key": "informationsfragen",
            "title": {
              "de": "Informationsfragen",
              "en": "Information questions"
            }
          }
        ]
      },
      {
        "step": 4,
        "title": {
          "de": "Diskussion und Vorschläge",
          "en": "Discussion and proposals"
        },
        "categories": [
          {
            "key": "diskussion",
            "title": {
              "de": "Diskussionspunkte",
              "en": "Discussion points"
            }
          }
        ]
      },
      {
        "step": 6,
        "title": {
          "de": "Kommentare der Expertinnen und Experten, Prognose",
          "en": "The experts' comments and prognosis"
        },
        "categories": [
          {
            "key": "kommentar",
            "title": {
              "de": "Kommentar",
              "en": "Comment"
            }
          }
        ]
      },
      {
        "step": 7,
        "title": {
          "de": "Schlusswort der/des Fallverantwortlichen",
          "en": "The presenter's closing word"
        },
        "categories": [
          {
            "key": "schlusswort",
            "title": {
              "de": "Schlusswort",
              "en": "Closing word"
            }
          }
        ]
      }
    ]
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
    "minutes": 60,
    "collecting": [
      {
        "step": 3,
        "title": {
          "de": "Informationsfragen",
          "en": "Information questions"
        },
        "categories": [
          {
            "key": "informationsfragen",
            "title": {
              "de": "Informationsfragen",
              "en": "Information questions"
            }
          }
        ]
      },
      {
        "step": 4,
        "title": {
          "de": "Gemeinsame Diskussion",
          "en": "Joint discussion"
        },
        "categories": [
          {
            "key": "beobachtungen",
            "title": {
              "de": "Beobachtungen",
              "en": "Observations"
            }
          },
          {
            "key": "ideen",
            "title": {
              "de": "Ideen",
              "en": "Ideas"
            }
          }
        ]
      },
      {
        "step": 5,
        "title": {
          "de": "Intervention der Fachberatung",
          "en": "The specialist's intervention"
        },
        "categories": [
          {
            "key": "einschaetzung",
            "title": {
              "de": "Einschätzung",
              "en": "Assessment"
            }
          },
          {
            "key": "empfehlung",
            "title": {
              "de": "Empfehlung",
              "en": "Recommendation"
            }
          }
        ]
      }
    ]
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
    "minutes": 63,
    "collecting": [
      {
        "step": 3,
        "title": {
          "de": "Sichtweisen der Beteiligten",
          "en": "The views of those involved"
        },
        "categories": [
          {
            "key": "beobachtungen",
            "title": {
              "de": "Beobachtungen",
              "en": "Observations"
            }
          },
          {
            "key": "ressourcen",
            "title": {
              "de": "Ressourcen",
              "en": "Resources"
            }
          },
          {
            "key": "sorgen",
            "title": {
              "de": "Sorgen und Risiken",
              "en": "Concerns and risks"
            }
          }
        ]
      }
    ]
  }
]
;
