"""File downloads: one attachment response for every Excel and Word file the pages offer."""

from __future__ import annotations

import io

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(data: bytes, name: str, content_type: str = XLSX) -> FileResponse:
    """An attachment; Django writes a non-ASCII name as filename*=utf-8''… (RFC 5987)."""
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name,
                        content_type=content_type)
