"""The mock backend's texts follow the rules of the app's catalogues (docs/i18n.md): every text in both languages,
the same `{fields}` in each, no text the code no longer uses, and stored sentences that survive the --db file."""

from __future__ import annotations

import ast
import string
from datetime import date
from pathlib import Path

import pytest

from app.api import models as api_models
from app.mock_backend import errors, persistence, present, program, texts
from app.mock_backend.rules import asks, friends, offers, tiers
from app.mock_backend.rules.badge_texts import texts_of
from app.mock_backend.rules.badges import BADGES
from app.mock_backend.rules.catalog import CATALOG
from app.mock_backend.rules.engagement import SURVEY_QUESTIONS, SURVEY_TITLE
from app.mock_backend.store import Store
from app.mock_backend.texts import Money, Plural, Said, Stars, Texts

BACKEND = Path(__file__).resolve().parents[2] / "app" / "mock_backend"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def catalogue_texts(store: Store) -> list[tuple[str, Texts]]:
    """Every catalogue text the mock answers with, named for the failure message."""
    found: list[tuple[str, Texts]] = [("currency", program.CURRENCY), ("survey", SURVEY_TITLE)]
    found += [("profile", present._BIRTHDAY_RULE), ("game", present._GAME_NAME), ("game", present._GAME_RULE)]
    for r in CATALOG:
        found += [(f"reward {r.id}", r.name), (f"reward {r.id}", r.description)]
    for b in BADGES:
        said = texts_of(b)
        found += [(f"badge {b.id}", t) for t in (said.name, said.description, said.criteria, said.family_name)]
    for t in tiers.TIERS:
        found += [(f"tier {t.name}", b) for b in t.benefits]
    for e in program.EARN_RULES:
        found += [(f"earn rule {e.kind}", t) for t in (e.title, e.limit, e.description)]
    found += [("tour", t) for card in program.TOUR for t in card]
    found += [("rules text", t) for t in program.RULES_TEXT]
    found += [(f"offer {o}", t) for o, pair in offers.OFFER_TEXTS.items() for t in pair]
    found += [("offer", offers.PICKED_FOR_YOU), ("offer", offers.WELCOME_BACK)]
    for qid, (question, choices) in SURVEY_QUESTIONS.items():
        found += [(f"survey {qid}", question), *((f"survey {qid}", c) for c in choices)]
    for c in store.challenges.values():
        found += [(f"challenge {c.id}", c.title), (f"challenge {c.id}", c.description)]
    return found


def test_every_catalogue_text_is_written_in_both_languages_with_the_same_fields(store: Store) -> None:
    problems = []
    for name, t in catalogue_texts(store):
        if not t.en.strip() or not t.es.strip():
            problems.append(f"{name}: empty text {t}")
        elif fields(t.en) != fields(t.es):
            problems.append(f"{name}: fields {fields(t.en)} != {fields(t.es)}")
        elif t.en == t.es and len(t.en.split()) > 1:
            problems.append(f"{name}: not translated: {t.en!r}")
    assert problems == []


def test_every_stored_sentence_has_a_template_in_each_language_with_the_same_fields() -> None:
    english, spanish = texts.MESSAGES["en"], texts.MESSAGES["es"]
    assert set(english) == set(spanish), set(english) ^ set(spanish)
    for code, template in english.items():
        translated = spanish[code]
        assert texts.fields_of(template) == texts.fields_of(translated), code
        if isinstance(translated, Plural):
            # A form may leave a field out (a plural's {n}), never add one.
            assert all(fields(form) <= texts.fields_of(template) for form in translated.forms()), code
            assert isinstance(template, Plural), f"{code}: Spanish has plural forms, English has none"


def _literal_refusals() -> set[str]:
    """Every English template the code refuses with: `Refusal(code, "...")`, `unauthorized("...")` and the tables of
    whole sentences per status."""
    found: set[str] = set()
    for path in BACKEND.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None)
            index = {"Refusal": 1, "unauthorized": 0}.get(name or "")
            if index is not None and len(node.args) > index and isinstance(node.args[index], ast.Constant):
                found.add(node.args[index].value)
    return found | set(asks.ASK_CLOSED.values()) | set(friends.REQUEST_CLOSED.values())


def _model_messages() -> set[str]:
    """The messages of the contract's own validators (app/api/models.py), as a member's request meets them."""
    found: set[str] = set()
    tree = ast.parse(Path(api_models.__file__).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            said = eval(compile(ast.Expression(node.exc.args[0]), "models", "eval"), vars(api_models))  # noqa: S307
            found.add(said)
    return found


def test_every_refusal_reads_in_spanish_with_the_same_fields_and_none_is_left_over() -> None:
    used = _literal_refusals()
    assert "{reward} needs {tier} status." in used and "There is no such reward." in used
    known = {template for template, _ in errors._KNOWN.values()}
    everything = used | set(errors._TITLES.values()) | known | _model_messages()
    everything |= {"Error", "{field}: {problem}", "Invalid value."}
    everything.add("Something went wrong on our side. Please try again.")
    missing = sorted(everything - set(texts.REFUSALS_ES))
    assert missing == [], "no Spanish for these refusals"
    left_over = sorted(set(texts.REFUSALS_ES) - everything)
    assert left_over == [], "Spanish for refusals the code no longer makes"
    for english, spanish in texts.REFUSALS_ES.items():
        assert fields(english) == fields(spanish), english


def test_refusals_are_templates_never_sentences_built_in_code() -> None:
    """An f-string detail would be English in a Spanish answer (and has no Spanish to look up)."""
    built = []
    for path in BACKEND.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Refusal" and len(node.args) > 1:
                if isinstance(node.args[1], ast.JoinedStr):
                    built.append(f"{path.name}:{node.lineno}")
    assert built == []


def test_a_stored_sentence_reads_in_the_language_it_is_read_in() -> None:
    said = texts.say("keep_tier_earn", n=1, until=date(2027, 8, 19), tier="Gold")
    assert texts.render(said, "en") == "Earn 1 more qualifying Star by 19 Aug 2027 to keep Gold."
    assert texts.render(said, "es") == "Consigue 1 Estrella cualificada más antes del 19 ago 2027 para seguir en Gold."
    with texts.speaking("es"):
        assert texts.text("earn_thanks", stars=Stars(1430)) == "¡Gracias! Te hemos sumado 1.430 Estrellas."
        assert texts.text("earn_thanks", stars=Stars(1_000_000)) == "¡Gracias! Te hemos sumado 1.000.000 de Estrellas."
        assert texts.text("plus_stars", stars=Stars(1)) == "+1 Estrella"
    assert texts.language() == "en"


def test_stored_sentences_and_their_parameters_survive_the_state_file() -> None:
    said = Said(
        "keep_tier_safe",
        {"tier": "Gold", "until": date(2027, 8, 19), "n": 1430, "threshold": 500, "x": Stars(2), "y": Money(1.5),
         "z": Texts(en="Extra shot", es="Shot extra")},
    )
    again = persistence.decode(persistence.loads(persistence.dumps(persistence.encode(said))))
    assert again == said and texts.render(again, "es") == texts.render(said, "es")


def test_an_unknown_message_code_is_refused_when_written_not_when_read() -> None:
    with pytest.raises(KeyError):
        texts.say("no_such_message")
