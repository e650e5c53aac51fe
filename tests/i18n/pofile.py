"""A few lines of PO parsing for the tests (no polib dependency): entries with msgctxt, msgid,
msgid_plural, msgstr / msgstr[n] and flags. Obsolete (#~) entries are left out."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "anjian" / "locale" / "en" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular msgstr
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def where(self) -> str:
        return f"django.po:{self.line} ({' '.join(self.references[:2]) or 'header'})"


def _unquote(literal: str) -> str:
    return ast.literal_eval(literal)  # PO strings use C escapes, which Python reads the same way


def parse(path: Path = PO) -> list[Entry]:
    entries: list[Entry] = []
    entry, key = Entry(), None

    def close():
        nonlocal entry, key
        if key is not None:
            entries.append(entry)
        entry, key = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if key is not None and key.startswith("msgstr"):
                close()
            entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
        elif line.startswith("#:"):
            if key is not None and key.startswith("msgstr"):
                close()
            entry.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and key is not None and key.startswith("msgstr"):
                close()
            key = keyword
            if not entry.line:
                entry.line = number
            _store(entry, key, _unquote(literal), append=False)
        elif line.startswith('"') and key is not None:
            _store(entry, key, _unquote(line), append=True)
        else:
            raise ValueError(f"{path.name}:{number}: cannot parse {raw!r}")
    close()
    return entries


def _store(entry: Entry, key: str, text: str, *, append: bool) -> None:
    if key.startswith("msgstr"):
        index = int(key[7:-1]) if "[" in key else 0
        entry.msgstr[index] = (entry.msgstr.get(index, "") if append else "") + text
    else:
        setattr(entry, key, ((getattr(entry, key) or "") if append else "") + text)
