"""Reading an uploaded file into rows of cells, refusing what is not a spreadsheet.

The type is decided by the content, not the name alone: an .xlsx must be a zip holding
[Content_Types].xml and xl/workbook.xml, a .csv must be text. CSV encodings are tried in
the order that works for what Chinese Excel and WPS save: a BOM, strict UTF-8, strict
GB18030 (a superset of GBK), and only then charset-normalizer, which on its own misreads
short all-Chinese GBK files.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError

Progress = Callable[[str, int, int], None]

FORMATS = (".xlsx", ".csv")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A workbook whose sheets unpack to more than this many times the upload limit is refused
# (a "zip bomb"); real sheets unpack to about ten times their zipped size.
_UNZIP_FACTOR = 30


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (type, size, encoding, emptiness)."""


@dataclass
class Sheet:
    """Rows exactly as the file holds them; `rows[i]` is the spreadsheet's row i + 1."""

    filename: str
    sha256: str
    format: str
    rows: list[list] = field(default_factory=list)


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ImportFileError(
            _("The file is %(size)s; files may be at most %(max)s.")
            % {"size": _megabytes(size), "max": _megabytes(limit)},
            code="too_large",
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def file_format(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            _("Old Excel .xls files are not accepted: open the file and save it as .xlsx (Excel workbook) or .csv."),
            code="file_type",
        )
    if suffix not in FORMATS:
        raise ImportFileError(
            _("Wrong file type %(suffix)s: upload an .xlsx workbook or a .csv file.")
            % {"suffix": suffix or _("(none)")},
            code="file_type",
        )
    return suffix


def read_sheet(data: bytes, filename: str, *, progress: Progress | None = None) -> Sheet:
    """The first worksheet of an .xlsx, or the records of a .csv, as lists of raw cells."""
    fmt = file_format(filename)
    check_size(len(data))
    if not data.strip():
        raise ImportFileError(_("The file is empty."), code="empty")
    sheet = Sheet(filename=PurePath(filename).name, sha256=hashlib.sha256(data).hexdigest(), format=fmt)
    if progress:
        progress("read", 0, 1)
    sheet.rows = _read_xlsx(data) if fmt == ".xlsx" else _read_csv(data)
    if progress:
        progress("read", 1, 1)
    return sheet


def _not_a_workbook() -> ImportFileError:
    return ImportFileError(
        _("This file is not an Excel workbook (.xlsx), whatever its name says."), code="file_type"
    )


def _read_xlsx(data: bytes) -> list[list]:
    from python_calamine import CalamineWorkbook

    if data.startswith(_OLE_MAGIC):
        raise ImportFileError(
            _("This is an old .xls or a password-protected workbook: save it as an unprotected .xlsx."),
            code="file_type",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise _not_a_workbook() from None
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _not_a_workbook()
    if sum(info.file_size for info in infos) > _UNZIP_FACTOR * max_bytes():
        raise ImportFileError(_("The workbook unpacks to more data than may be imported at once."), code="too_large")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise ImportFileError(_("The workbook has no worksheet."), code="empty")
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except ImportFileError:
        raise
    except Exception:  # calamine raises its own errors and plain ValueErrors for broken parts
        raise _not_a_workbook() from None


def decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportFileError(
            _("The text encoding of this CSV file could not be recognised: save it as CSV UTF-8."), code="encoding"
        )
    return str(best)


def _read_csv(data: bytes) -> list[list]:
    if data.startswith(b"PK\x03\x04") or data.startswith(_OLE_MAGIC):
        raise ImportFileError(
            _("This file is a workbook, not CSV text: give it the .xlsx ending or save it as CSV."), code="file_type"
        )
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(_("This file is not CSV text."), code="file_type")
    content = decode_text(data)
    if "\x00" in content:
        raise ImportFileError(_("This file is not CSV text."), code="file_type")
    first_line = content.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    return list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
