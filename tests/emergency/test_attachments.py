"""The shared attachment validator (core.attachments): PDF and Word by content, extension, size."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.core.attachments import OLE2_MAGIC, read_attachment
from anjian.testing.emergency import docx_bytes, fake_docx_bytes, pdf_bytes


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_a_real_pdf_is_accepted_with_its_digest_and_name():
    data = read_attachment(upload("预案.pdf", pdf_bytes()))
    assert data.kind == "pdf" and data.content_type == "application/pdf"
    assert len(data.sha256) == 64 and data.original_name == "预案.pdf"


def test_a_real_docx_is_accepted():
    assert read_attachment(upload("plan.docx", docx_bytes())).kind == "docx"


def test_an_ole2_doc_is_accepted():
    assert read_attachment(upload("plan.DOC", OLE2_MAGIC + b"\0" * 600)).kind == "doc"


@pytest.mark.parametrize("name,content,code", [
    ("plan.pdf", b"hello, not a pdf", "content"),
    ("plan.docx", fake_docx_bytes(), "content"),
    ("plan.docx", pdf_bytes(), "content"),
    ("plan.exe", pdf_bytes(), "extension"),
    ("plan", pdf_bytes(), "extension"),
    ("plan.pdf", b"", "empty"),
])
def test_bad_files_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as caught:
        read_attachment(upload(name, content))
    assert caught.value.code == code
    assert caught.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.ANJIAN_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        read_attachment(upload("plan.pdf", pdf_bytes()))
    assert caught.value.code == "too_large" and "MB" in caught.value.messages[0]


def test_a_path_in_the_name_is_dropped():
    assert read_attachment(upload("../../etc/预案.pdf", pdf_bytes())).original_name == "预案.pdf"
