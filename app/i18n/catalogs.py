"""The catalogues' tooling: extract the texts the code uses, update each language's `.po`, compile the `.mo`, check.

`make i18n` runs `python -m app.i18n.catalogs update` (extract + update + compile); the test suite runs the same
checks in memory (tests/i18n/test_catalogs.py), so a text added to the code without a translation, a translation
left behind by deleted code, or a `.mo` older than its `.po` fails the build. The app itself never imports this.

Extraction reads `babel.cfg` (which files, which extractor) with the keywords below (which calls hold texts),
the same as `pybabel extract -F babel.cfg -k n_:1,2 -k p_:1c,2 -k np_:1c,2,3 .` would.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, SUPPORTED, Language
from app.i18n.translator import DOMAIN, LOCALE_DIR

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAPPING_FILE = PROJECT_ROOT / "babel.cfg"

KEYWORDS = parse_keywords(
    ["_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "n_:1,2", "p_:1c,2", "np_:1c,2,3"]
)
"""The calls whose string arguments are texts: `Translator`'s methods and their short names."""

COMMENT_TAG = "Translators:"
"""A comment starting with this, on the line above a text, reaches the translator in the `.po`."""

SOURCE_LANGUAGE: Language = DEFAULT_LANGUAGE
"""The language the code is written in: its catalogue may leave a text untranslated (gettext shows the msgid)."""

_FIELD = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")

MessageKey = tuple[str | tuple[str, ...], str | None]
"""A message as gettext finds it: its msgid (a pair for plurals) and its context."""


def po_path(language: Language, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: Language, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _shown(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def extract(root: Path = PROJECT_ROOT, mapping_file: Path = MAPPING_FILE) -> Catalog:
    """Every text the code uses (the files `babel.cfg` maps, under `root`), as a template catalogue, in memory."""
    with mapping_file.open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping, str(mapping_file))
    template = Catalog(project="Starboard", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read_catalog(language: Language, locale_dir: Path = LOCALE_DIR) -> Catalog:
    with po_path(language, locale_dir).open("rb") as po:
        return read_po(po, locale=LANGUAGES[language].babel_locale, domain=DOMAIN)


def _render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # No line numbers (they change with every edit above a text) and no obsolete entries (git keeps history).
    write_po(buffer, catalog, width=120, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def _render_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(template: Catalog | None = None, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Bring every language's `.po` in line with the code, then compile the `.mo` files that changed.

    New texts arrive untranslated (or fuzzy, when Babel finds a similar old one); texts the code dropped go away.
    A language without a catalogue gets a new one. Returns the files written.
    """
    template = template or extract()
    written: list[Path] = []
    for language in SUPPORTED:
        path = po_path(language, locale_dir)
        if path.exists():
            catalog = read_catalog(language, locale_dir)
            catalog.update(template, update_creation_date=False)
        else:
            now = datetime.now().astimezone()
            catalog = Catalog(
                locale=LANGUAGES[language].babel_locale,
                domain=DOMAIN,
                header_comment=(
                    f"# Starboard's texts, language {language} ({LANGUAGES[language].name}).\n"
                    "# Translate here; `make i18n` keeps the list of texts in step with the code (docs/i18n.md)."
                ),
                project="Starboard",
                version="1",
                creation_date=now,
                revision_date=now,
                msgid_bugs_address="dev@starboard.local",
                last_translator="Starboard team",
                language_team=f"{LANGUAGES[language].name} ({language})",
                fuzzy=False,
            )
            catalog.update(template)
        content = _render_po(catalog)
        if not path.exists() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(path)
    return written + compile_catalogs(locale_dir)


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each language's `.mo` from its `.po` when they differ in content. Returns the files written."""
    written: list[Path] = []
    for language in SUPPORTED:
        if stale_mo(language, locale_dir) is not None:
            mo_path(language, locale_dir).write_bytes(_render_mo(read_catalog(language, locale_dir)))
            written.append(mo_path(language, locale_dir))
    return written


# -- checks: each takes catalogues and returns sentences (empty means fine) ----------------------------------------


def _key(message: Message) -> MessageKey:
    return (message.id if isinstance(message.id, str) else tuple(message.id), message.context)


def _ids(catalog: Catalog) -> set[MessageKey]:
    return {_key(message) for message in _messages(catalog)}


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


def _name(catalog: Catalog) -> str:
    return str(catalog.locale_identifier or "?")


def _describe(key: MessageKey) -> str:
    msgid, context = key
    return f"{msgid!r} (context {context!r})" if context else repr(msgid)


def missing(template: Catalog, catalog: Catalog) -> list[str]:
    """Texts the code uses that the catalogue does not hold."""
    return sorted(f"{_name(catalog)}: missing {_describe(key)}" for key in _ids(template) - _ids(catalog))


def obsolete(template: Catalog, catalog: Catalog) -> list[str]:
    """Texts the catalogue holds that the code no longer uses."""
    return sorted(f"{_name(catalog)}: no longer used {_describe(key)}" for key in _ids(catalog) - _ids(template))


def untranslated(catalog: Catalog, source_language: bool = False) -> list[str]:
    """Texts without a translation, or marked fuzzy (gettext ignores those). The source language may leave them."""
    problems: list[str] = []
    for message in _messages(catalog):
        if message.fuzzy:
            problems.append(f"{_name(catalog)}: fuzzy (check it, then drop the fuzzy flag) {_describe(_key(message))}")
        elif not source_language and not all(_forms(message)):
            problems.append(f"{_name(catalog)}: not translated {_describe(_key(message))}")
    return problems


def _forms(message: Message) -> list[str]:
    string = message.string
    return list(string) if isinstance(string, tuple | list) else [string or ""]


def _fields(text: str) -> set[str]:
    return {match.split("!", 1)[0].split(":", 1)[0] for match in _FIELD.findall(text)}


def field_mismatches(catalog: Catalog) -> list[str]:
    """Translations whose `{fields}` differ from the English text's (a typo there breaks `str.format` on screen).

    A plural form may leave out a field (a Spanish "one" form: "Queda un día"), never add one.
    """
    problems: list[str] = []
    for message in _messages(catalog):
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        expected = set().union(*(_fields(i) for i in ids))
        plural = len(ids) > 1
        for form in filter(None, _forms(message)):
            found = _fields(form)
            if (plural and not found <= expected) or (not plural and found != expected):
                problems.append(
                    f"{_name(catalog)}: fields {sorted(found)} in {form!r} do not match {sorted(expected)} "
                    f"of {ids[0]!r}"
                )
    return problems


def plural_form_mismatches(catalog: Catalog, babel_locale: str) -> list[str]:
    """The catalogue's plural rule, and every plural text's number of forms, must be those CLDR gives the language."""
    rule = get_plural(babel_locale)
    problems: list[str] = []
    if catalog.num_plurals != rule.num_plurals or catalog.plural_expr != rule.plural_expr:
        problems.append(f"{_name(catalog)}: Plural-Forms is {catalog.plural_forms!r}, expected {rule.plural_forms!r}")
    for message in _messages(catalog):
        if message.pluralizable and len(_forms(message)) != rule.num_plurals:
            problems.append(
                f"{_name(catalog)}: {_describe(_key(message))} has {len(_forms(message))} forms, "
                f"needs {rule.num_plurals}"
            )
    return problems


def _compiled(mo: bytes) -> tuple[dict[MessageKey, object], str]:
    """What gettext reads from a `.mo`: its messages (id and context -> text) and its plural rule."""
    catalog = read_mo(io.BytesIO(mo))
    table: dict[MessageKey, object] = {
        _key(m): tuple(m.string) if isinstance(m.string, list | tuple) else m.string for m in _messages(catalog)
    }
    return table, catalog.plural_forms


def mo_matches(mo: bytes, catalog: Catalog) -> bool:
    """True when the compiled `mo` holds what compiling `catalog` now would (content, not bytes: the header Babel
    writes carries its own version)."""
    return _compiled(mo) == _compiled(_render_mo(catalog))


def stale_mo(language: Language, locale_dir: Path = LOCALE_DIR) -> str | None:
    """Why the committed `.mo` of `language` does not hold what its `.po` says, or None when it does."""
    path = mo_path(language, locale_dir)
    if not path.exists():
        return f"{language}: {_shown(path)} is missing (run make i18n)"
    if not mo_matches(path.read_bytes(), read_catalog(language, locale_dir)):
        return f"{language}: {_shown(path)} is out of date with its .po (run make i18n)"
    return None


def check_language(template: Catalog, language: Language, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every problem with one language's catalogue."""
    if not po_path(language, locale_dir).exists():
        return [f"{language}: {_shown(po_path(language, locale_dir))} is missing (run make i18n)"]
    catalog = read_catalog(language, locale_dir)
    problems = missing(template, catalog) + obsolete(template, catalog)
    problems += untranslated(catalog, source_language=language == SOURCE_LANGUAGE)
    problems += field_mismatches(catalog) + plural_form_mismatches(catalog, LANGUAGES[language].babel_locale)
    stale = stale_mo(language, locale_dir)
    return problems + ([stale] if stale else [])


def check(template: Catalog | None = None, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every problem with every catalogue; empty when they are all complete, current and compiled."""
    template = template or extract()
    return [problem for language in SUPPORTED for problem in check_language(template, language, locale_dir)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.i18n.catalogs", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.command in ("update", "compile"):
        written = update() if args.command == "update" else compile_catalogs()
        for path in written:
            print(f"wrote {_shown(path)}")
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.command == "check" or not problems:
        return 1 if problems else 0
    # update/compile succeeded; what is left is the translator's work (new texts to translate), shown above.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
