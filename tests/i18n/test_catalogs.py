"""The catalogues hold exactly the texts the code uses, translated, and their compiled `.mo` files are current.

The committed catalogues are checked against an extraction of app/ made in memory (`app.i18n.catalogs.extract`),
so these tests never write a file. The second half shows each check catching the fault it exists for.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app.i18n import SUPPORTED, Language
from app.i18n import catalogs as c


@pytest.fixture(scope="module")
def template() -> Catalog:
    return c.extract()


# -- the committed catalogues --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_text_the_code_uses_is_in_the_catalogue(template: Catalog, language: Language) -> None:
    assert c.missing(template, c.read_catalog(language)) == []


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_catalogue_holds_no_text_the_code_no_longer_uses(template: Catalog, language: Language) -> None:
    assert c.obsolete(template, c.read_catalog(language)) == []


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_text_is_translated_and_none_is_left_fuzzy(language: Language) -> None:
    assert c.untranslated(c.read_catalog(language), source_language=language == c.SOURCE_LANGUAGE) == []


@pytest.mark.parametrize("language", SUPPORTED)
def test_translations_keep_the_fields_of_the_english_text(language: Language) -> None:
    assert c.field_mismatches(c.read_catalog(language)) == []


@pytest.mark.parametrize("language", SUPPORTED)
def test_plural_forms_are_the_ones_cldr_gives_the_language(language: Language) -> None:
    assert c.plural_form_mismatches(c.read_catalog(language), c.LANGUAGES[language].babel_locale) == []


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_committed_mo_is_compiled_from_the_committed_po(language: Language) -> None:
    assert c.stale_mo(language) is None


def test_the_whole_check_that_make_i18n_prints_is_clean(template: Catalog) -> None:
    assert c.check(template) == []


def test_the_app_texts_are_found_and_the_mock_backend_is_left_to_its_own_data(template: Catalog) -> None:
    files = {filename for message in template if message.id for filename, _line in message.locations}
    assert "app/i18n/translator.py" in files
    assert not any(name.startswith("app/mock_backend/") for name in files)


# -- each check catches its fault ----------------------------------------------------------------------------


def _catalog(language: str, *messages: tuple[str | tuple[str, str], str | tuple[str, ...]]) -> Catalog:
    catalog = Catalog(locale=language, domain="starboard", fuzzy=False)
    for msgid, string in messages:
        catalog.add(msgid, string)
    return catalog


SOURCE = """
def screen(t):
    t._("Send Stars")
    t.n_("{n} friend", "{n} friends", 3)
    t.p_("verb", "Gift")
    t.np_("pool", "{n} member", "{n} members", 2)
    # Translators: the button that starts a redemption.
    t.gettext("Redeem")
    t._(f"not a text {1}")
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "screen.py").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "app" / "mock_backend").mkdir()
    (tmp_path / "app" / "mock_backend" / "seed.py").write_text('_("A reward name")\n', encoding="utf-8")
    return tmp_path


def test_extraction_reads_every_call_form_with_context_and_translator_comments(tmp_path: Path) -> None:
    template = c.extract(_project(tmp_path), c.MAPPING_FILE)
    found = {c._key(m) for m in template if m.id}
    assert found == {
        ("Send Stars", None),
        (("{n} friend", "{n} friends"), None),
        ("Gift", "verb"),
        (("{n} member", "{n} members"), "pool"),
        ("Redeem", None),
    }
    assert template.get("Redeem").auto_comments == ["the button that starts a redemption."]


def test_a_new_text_in_the_code_is_reported_missing_from_a_catalogue(tmp_path: Path) -> None:
    template = c.extract(_project(tmp_path), c.MAPPING_FILE)
    catalog = _catalog("es", ("Send Stars", "Enviar Estrellas"), ("Redeem", "Canjear"))
    catalog.add(("{n} friend", "{n} friends"), ("{n} amigo", "{n} de amigos", "{n} amigos"))
    catalog.add(("{n} member", "{n} members"), ("{n} miembro", "{n} de miembros", "{n} miembros"), context="pool")
    assert c.missing(template, catalog) == ["es: missing 'Gift' (context 'verb')"]


def test_a_text_the_code_dropped_is_reported_obsolete(tmp_path: Path) -> None:
    template = c.extract(_project(tmp_path), c.MAPPING_FILE)
    catalog = _catalog("es", ("Send Stars", "Enviar Estrellas"), ("Old button", "Botón viejo"))
    assert c.obsolete(template, catalog) == ["es: no longer used 'Old button'"]


def test_an_empty_or_fuzzy_translation_is_reported_but_english_may_stay_empty() -> None:
    catalog = _catalog("es", ("Send Stars", ""), ("Redeem", "Canjear"))
    catalog.add("Gift", "Regalo", flags=["fuzzy"])
    assert c.untranslated(catalog) == [
        "es: not translated 'Send Stars'",
        "es: fuzzy (check it, then drop the fuzzy flag) 'Gift'",
    ]
    assert c.untranslated(_catalog("en", ("Send Stars", "")), source_language=True) == []


def test_a_translation_with_a_different_field_is_reported() -> None:
    catalog = _catalog("es", ("Hello {name}", "Hola {nombre}"), ("Balance {balance}", "Saldo {balance}"))
    catalog.add(("{n} day left", "{n} days left"), ("Queda un día", "Quedan {n} de días", "Quedan {n} días"))
    catalog.add(("{n} Star", "{n} Stars"), ("{n} Estrella", "{count} de Estrellas", "{n} Estrellas"))
    assert c.field_mismatches(catalog) == [
        "es: fields ['nombre'] in 'Hola {nombre}' do not match ['name'] of 'Hello {name}'",
        "es: fields ['count'] in '{count} de Estrellas' do not match ['n'] of '{n} Star'",
    ]


def test_a_plural_with_too_few_forms_or_a_wrong_rule_is_reported() -> None:
    catalog = _catalog("es")
    catalog.add(("{n} Star", "{n} Stars"), ("{n} Estrella", "{n} Estrellas"))
    assert c.plural_form_mismatches(catalog, "es") == ["es: ('{n} Star', '{n} Stars') has 2 forms, needs 3"]
    assert c.plural_form_mismatches(_catalog("en"), "es")[0].startswith("en: Plural-Forms is 'nplurals=2;")


def test_a_mo_compiled_before_the_po_changed_is_reported_out_of_date() -> None:
    before = _catalog("es", ("Send Stars", "Enviar Estrellas"))
    compiled = io.BytesIO()
    write_mo(compiled, before)
    after = _catalog("es", ("Send Stars", "Envía Estrellas"))
    assert c.mo_matches(compiled.getvalue(), before)
    assert not c.mo_matches(compiled.getvalue(), after)


# -- make i18n (update and compile), in a scratch folder -----------------------------------------------------


def _template(tmp_path: Path, source: str) -> Catalog:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "app" / "screen.py").write_text(source, encoding="utf-8")
    return c.extract(root, c.MAPPING_FILE)


def _translate(locale_dir: Path, translations: dict[str, str | tuple[str, ...]]) -> None:
    from babel.messages.pofile import read_po, write_po

    path = c.po_path("es", locale_dir)
    with path.open("rb") as po:
        catalog = read_po(po, locale="es")
    for message in catalog:
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            message.string = translations[key]
    with path.open("wb") as po:
        write_po(po, catalog)


def test_update_creates_updates_and_compiles_the_catalogues(tmp_path: Path) -> None:
    locale_dir = tmp_path / "locales"
    first = _template(tmp_path, 't._("Redeem")\nt.n_("{n} visit", "{n} visits", n)\n')

    written = c.update(first, locale_dir)
    assert {p.name for p in written} == {"starboard.po", "starboard.mo"} and len(written) == 4
    assert c.check(first, locale_dir) == [
        "es: not translated 'Redeem'",
        "es: not translated ('{n} visit', '{n} visits')",
    ]

    _translate(locale_dir, {"Redeem": "Canjear", "{n} visit": ("{n} visita", "{n} de visitas", "{n} visitas")})
    es_mo = c.mo_path("es", locale_dir)
    assert c.check(first, locale_dir) == [f"es: {es_mo} is out of date with its .po (run make i18n)"]
    # The .po comes back in the project's layout (a PO editor may wrap it otherwise), and the .mo is recompiled.
    assert c.update(first, locale_dir) == [c.po_path("es", locale_dir), es_mo]
    assert c.check(first, locale_dir) == []
    assert c.update(first, locale_dir) == []  # nothing changed, nothing written

    second = _template(tmp_path, 't.n_("{n} visit", "{n} visits", n)\nt._("Gift Stars")\n')
    c.update(second, locale_dir)
    assert c.check(second, locale_dir) == ["es: not translated 'Gift Stars'"]
    assert "Redeem" not in c.po_path("es", locale_dir).read_text(encoding="utf-8")
