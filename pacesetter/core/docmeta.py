"""Taking the author out of a document's properties, for blind review.

A PDF's document information and XMP metadata, an Office Open XML file's core, app and
custom properties and the authors of its comments and tracked changes, and an OFD's
DocInfo all name who wrote the file; a reviewer who opens the file's properties would read
them. `without_author` rewrites those parts and leaves the content alone. The older binary
formats (.doc, .wps, .xls, .et, .ppt, .dps) keep their properties in OLE streams this does
not rewrite: `strips_author` says which formats are handled, so a form can warn.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import zipfile

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from .errors import DomainError
from .uploads import CheckedUpload

_OOXML = {"docx", "xlsx", "pptx"}
_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    b' xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
_EMPTY_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
)
#: Elements of docProps/app.xml that name people or their organisation.
_APP_PEOPLE = re.compile(rb"<(Company|Manager|HyperlinkBase)>.*?</\1>|<(Company|Manager|HyperlinkBase)/>", re.S)
#: Who wrote Word's comments and tracked changes.
_AUTHOR_ATTRS = re.compile(rb'\b(w:author|w:initials)="[^"]*"')
#: The lists of people that comments point to (by index, so the entries stay, blanked).
_PEOPLE_PARTS = re.compile(r"^(word/people\.xml|ppt/commentAuthors\.xml|xl/persons/person\.xml)$")
_PEOPLE_ATTRS = re.compile(
    rb'\b(w15:author|name|initials|displayName|w15:userId|userId|w15:providerId|providerId)="[^"]*"')
_EXCEL_AUTHOR = re.compile(rb"<author>.*?</author>", re.S)
_OFD_PEOPLE = re.compile(rb"<(ofd:)?(Author|Creator|CreatorVersion)>.*?</\1?\2>", re.S)


def strips_author(extension: str) -> bool:
    return extension in _OOXML or extension in ("pdf", "ofd", "txt")


def without_author(checked: CheckedUpload) -> CheckedUpload:
    """The same document with the author taken out of its properties (see the module's
    docstring); other formats come back unchanged."""
    data = checked.file.read()
    checked.file.seek(0)
    if checked.extension == "pdf":
        cleaned = _pdf(data, checked.original_name)
    elif checked.extension in _OOXML:
        cleaned = _zip(data, _ooxml_part)
    elif checked.extension == "ofd":
        cleaned = _zip(data, _ofd_part)
    else:
        return checked
    return dataclasses.replace(
        checked, size=len(cleaned), sha256=hashlib.sha256(cleaned).hexdigest(),
        file=ContentFile(cleaned, name=checked.file.name),
    )


def _pdf(data: bytes, name: str) -> bytes:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DomainError(_("“%(name)s” is protected by a password; upload it without one.") % {"name": name},
                              code="file_encrypted")
        writer = pypdf.PdfWriter(clone_from=reader)
        writer.metadata = None
        if "/Metadata" in writer.root_object:
            del writer.root_object["/Metadata"]
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise DomainError(_("“%(name)s” is damaged: it cannot be opened as a PDF document.") % {"name": name},
                          code="file_damaged") from error
    return out.getvalue()


def _zip(data: bytes, clean_part) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = clean_part(info.filename, source.read(info))
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _ooxml_part(name: str, content: bytes) -> bytes:
    if name == "docProps/core.xml":
        return _EMPTY_CORE
    if name == "docProps/custom.xml":
        return _EMPTY_CUSTOM
    if name == "docProps/app.xml":
        return _APP_PEOPLE.sub(b"", content)
    if _PEOPLE_PARTS.match(name):
        return _PEOPLE_ATTRS.sub(rb'\1=""', content)
    if name.startswith("word/") and name.endswith(".xml"):
        return _AUTHOR_ATTRS.sub(rb'\1=""', content)
    if name.startswith("xl/comments") and name.endswith(".xml"):
        return _EXCEL_AUTHOR.sub(b"<author></author>", content)
    return content


def _ofd_part(name: str, content: bytes) -> bytes:
    if name == "OFD.xml":
        return _OFD_PEOPLE.sub(b"", content)
    return content
