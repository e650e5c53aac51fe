"""Reading generated Word documents back in tests: their text, and LibreOffice's PDF conversion
(proof that the file opens in LibreOffice, not only in python-docx)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn


def docx_text(data: bytes) -> str:
    """All text of a .docx: body paragraphs and every table cell."""
    document = Document(io.BytesIO(data))
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Every table of a .docx as rows of cell texts."""
    document = Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def libreoffice_pdf(data: bytes, folder: Path, name: str) -> Path:
    """Convert the .docx to PDF with LibreOffice (headless) and return the PDF's path."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is missing: run `make browser-deps` (apt-get install "
                    "libreoffice-writer-nogui)")
    source = folder / name
    source.write_bytes(data)
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    pdf = source.with_suffix(".pdf")
    assert pdf.stat().st_size > 0
    return pdf
