"""core.docmeta: the author leaves a document's properties, the content stays."""
import hashlib
import io
import zipfile

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from pacesetter.core.docmeta import strips_author, without_author
from pacesetter.core.errors import DomainError
from pacesetter.core.uploads import DOCUMENT, check_upload

AUTHOR = "张三丰"
CORE = (f'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        f'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{AUTHOR}</dc:creator>'
        f'<cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy></cp:coreProperties>').encode()
APP = b'<?xml version="1.0"?><Properties><Application>WPS</Application><Company>\xe4\xb8\xb4\xe6\xb1\x9f\xe5\x8e\xbf</Company></Properties>'
DOCUMENT_XML = (f'<w:document xmlns:w="w"><w:body><w:ins w:id="1" w:author="{AUTHOR}" w:date="2026-11-01T00:00:00Z">'
                f'<w:r><w:t>正文</w:t></w:r></w:ins></w:body></w:document>').encode()
COMMENTS_XML = f'<w:comments xmlns:w="w"><w:comment w:id="0" w:author="{AUTHOR}" w:initials="ZSF"/></w:comments>'.encode()


def pdf_with_author(*, password: str = "") -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": AUTHOR, "/Creator": AUTHOR})
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_with_author() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("docProps/core.xml", CORE)
        archive.writestr("docProps/app.xml", APP)
        archive.writestr("docProps/custom.xml", f"<Properties><property>{AUTHOR}</property></Properties>".encode())
        archive.writestr("word/document.xml", DOCUMENT_XML)
        archive.writestr("word/comments.xml", COMMENTS_XML)
    return out.getvalue()


def ofd_with_author() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="o"><ofd:DocBody><ofd:DocInfo><ofd:Title>论文</ofd:Title>'
                                    f'<ofd:Author>{AUTHOR}</ofd:Author></ofd:DocInfo></ofd:DocBody></ofd:OFD>'.encode())
        archive.writestr("Doc_0/Document.xml", b"<ofd:Document/>")
    return out.getvalue()


def cleaned(name: str, data: bytes) -> bytes:
    checked = without_author(check_upload(SimpleUploadedFile(name, data), allowed=(DOCUMENT,)))
    return checked.file.read()


def test_pdf_loses_its_information_and_keeps_its_pages():
    data = cleaned("论文.pdf", pdf_with_author())
    reader = pypdf.PdfReader(io.BytesIO(data))
    original = pypdf.PdfReader(io.BytesIO(pdf_with_author()))
    assert (original.metadata.author, reader.metadata, len(reader.pages), b"/Author" in data) == \
        (AUTHOR, None, 2, False)


def test_pdf_with_a_password_is_refused():
    with translation.override("en"), pytest.raises(DomainError) as refused:
        cleaned("论文.pdf", pdf_with_author(password="secret"))
    assert (refused.value.code, "password" in str(refused.value)) == ("file_encrypted", True)


def test_damaged_pdf_is_refused():
    with pytest.raises(DomainError) as refused:
        cleaned("论文.pdf", b"%PDF-1.4\nthis is no PDF at all\n%%EOF\n")
    assert refused.value.code == "file_damaged"


def test_docx_loses_creator_company_custom_properties_and_revision_authors():
    data = cleaned("论文.docx", docx_with_author())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert (sorted(parts) == sorted(zipfile.ZipFile(io.BytesIO(docx_with_author())).namelist()),
            [name for name, content in parts.items() if AUTHOR.encode() in content or b"ZSF" in content],
            "临江县".encode() in parts["docProps/app.xml"], "正文".encode() in parts["word/document.xml"]) == \
        (True, [], False, True)


def test_ofd_loses_its_author_and_keeps_its_title():
    data = cleaned("论文.ofd", ofd_with_author())
    ofd = zipfile.ZipFile(io.BytesIO(data)).read("OFD.xml").decode()
    assert (AUTHOR in ofd, "<ofd:Title>论文</ofd:Title>" in ofd) == (False, True)


def test_the_stored_size_and_checksum_are_those_of_the_cleaned_file():
    checked = without_author(check_upload(SimpleUploadedFile("论文.pdf", pdf_with_author()), allowed=(DOCUMENT,)))
    data = checked.file.read()
    assert (checked.size, checked.sha256) == (len(data), hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize(("extension", "handled"), [("pdf", True), ("docx", True), ("xlsx", True), ("ofd", True),
                                                    ("doc", False), ("wps", False), ("et", False)])
def test_strips_author_names_the_formats_it_rewrites(extension, handled):
    assert strips_author(extension) is handled
