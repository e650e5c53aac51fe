"""Keeping an uploaded ledger on the server between its preview and the user's confirmation:
under DATA_DIR/imports, named by a random token and bound to the user who uploaded it (never in
the session cookie). Files older than a day are removed on the next upload."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _purge(folder: Path) -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in folder.glob("*.*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def save(user, file_name: str, data: bytes) -> str:
    folder = _folder()
    _purge(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.bin").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps({"user": user.pk, "name": file_name}))
    return token


def load(user, token: str) -> tuple[str, bytes] | None:
    """(file name, content) of the user's upload, or None if unknown, expired or someone else's."""
    if not token or not _TOKEN_RE.match(token):
        return None
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        if meta.get("user") != user.pk:
            return None
        if (folder / f"{token}.bin").stat().st_mtime < time.time() - MAX_AGE_SECONDS:
            return None
        return meta["name"], (folder / f"{token}.bin").read_bytes()
    except (OSError, ValueError, KeyError):
        return None


def discard(token: str) -> None:
    if token and _TOKEN_RE.match(token):
        for suffix in (".bin", ".json"):
            (_folder() / f"{token}{suffix}").unlink(missing_ok=True)
