"""The English catalogue is complete, sane and compiled: every entry translated and none fuzzy, the
placeholders kept, the committed .mo holding exactly what the .po says, and no string of the code
missing from the catalogue (when GNU gettext is there to extract them)."""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from .pofile import MO, PO, parse

ENTRIES = parse(PO)
MESSAGES = [e for e in ENTRIES if not e.is_header]
# msgids whose English is deliberately blank: the template wraps a number in 第…行 ("row N"),
# so 行 has nothing to say in English and is a single space (see docs/i18n.md).
BLANK_OK = {"行"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[-+ #0]*\d*(?:\.\d+)?[sdifr]|\{\{\s*\w+\s*\}\}")
CJK = re.compile(r"[\u3400-\u9fff]")


def test_catalogue_is_not_empty():
    assert len(MESSAGES) > 500, len(MESSAGES)
    header = next(e for e in ENTRIES if e.is_header)
    assert "Language: en" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


def test_no_entry_is_fuzzy():
    fuzzy = [e.where for e in ENTRIES if "fuzzy" in e.flags]
    assert not fuzzy, fuzzy


def test_every_entry_is_translated():
    problems = []
    for e in MESSAGES:
        forms = 2 if e.msgid_plural is not None else 1
        if sorted(e.msgstr) != list(range(forms)):
            problems.append(f"plural forms: {e.where}")
        for text in e.msgstr.values():
            if not text:
                problems.append(f"untranslated: {e.where}")
            elif e.msgid not in BLANK_OK and not text.strip():
                problems.append(f"blank: {e.where}")
            elif text == e.msgid and CJK.search(text):
                problems.append(f"Chinese copied: {e.where}")
    assert not problems, problems[:20]


def test_placeholders_are_kept():
    """%(name)s and {{ name }} placeholders of the msgid are all in the msgstr, none added."""
    problems = []
    for e in MESSAGES:
        for index, text in e.msgstr.items():
            source = e.msgid_plural if index and e.msgid_plural is not None else e.msgid
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(e.where)
    assert not problems, problems[:20]


def test_no_apostrophes_in_translations():
    """Some strings are written into confirm('…') inside HTML attributes, where an apostrophe
    (even escaped as &#x27;) ends the JavaScript string. Write "cannot", "do not"; use ’ if needed."""
    bad = [e.where for e in MESSAGES for text in e.msgstr.values() if "'" in text]
    assert not bad, bad


def test_mo_matches_po():
    """The committed .mo is compiled from the current .po (run scripts/i18n.sh after editing it)."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected = {}
    for e in MESSAGES:
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[key] = e.msgstr[0]
        else:
            for index, text in e.msgstr.items():
                expected[(key, index)] = text
    catalog = {k: v for k, v in compiled._catalog.items() if k != ""}
    assert set(catalog) == set(expected), {
        "only in .po": sorted(map(str, set(expected) - set(catalog)))[:10],
        "only in .mo": sorted(map(str, set(catalog) - set(expected)))[:10]}
    changed = [str(k) for k in expected if catalog[k] != expected[k]]
    assert not changed, changed[:10]
    assert compiled.info().get("language") == "en"


@pytest.mark.skipif(shutil.which("xgettext") is None or shutil.which("msguniq") is None,
                    reason="GNU gettext is not installed")
def test_catalogue_has_every_marked_string(tmp_path, settings, monkeypatch):
    """makemessages on a copy of the sources finds no msgid that the catalogue lacks: every string
    marked for translation in the code has an English translation (else run scripts/i18n.sh)."""
    package = Path(__file__).resolve().parents[2] / "anjian"
    copy = tmp_path / "anjian"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns(
        "locale", "static", "__pycache__", "node_modules", "*.pyc", "*.mo", "*.po"))
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], domain="django", verbosity=0,
                 ignore_patterns=["node_modules", ".venv"])
    extracted = parse(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    found = {(e.msgctxt, e.msgid) for e in extracted if not e.is_header}
    known = {(e.msgctxt, e.msgid) for e in MESSAGES}
    missing = sorted(m for _, m in found - known)
    assert not missing, f"not in the catalogue; run scripts/i18n.sh and translate: {missing[:20]}"
