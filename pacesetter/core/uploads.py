"""Checked uploads of evidence: photos and documents attached to commitments (and later to
accountability cases, activities and honours).

What a file is gets decided from its content (its first bytes, then the format's own
structure), never from its name or the content type the browser sent: both are whatever
the uploader's machine says. The name's extension must then agree with the content, so a
program renamed `photo.jpg` or `report.pdf` is refused, naming what it really is.

Photos are stored re-encoded as JPEG: turned upright by their EXIF orientation, then without
any metadata (no GPS position, camera serial or author reaches the public board), at most
PHOTO_MAX_SIDE pixels on the longer side, with a thumbnail. Among photo formats the
extension need not match exactly (phones mislabel HEIC exports as .jpg and the like); the
file is re-encoded anyway. Plain text is stored as UTF-8 whatever it came in.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import unicodedata
import warnings
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

from .errors import DomainError

PHOTO = "photo"
DOCUMENT = "document"

#: A photo larger than this is refused before it is decoded (a decompression bomb's
#: pixels would take gigabytes of memory): 40 megapixels is more than any phone takes.
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 2560
THUMBNAIL_SIDE = 400
PHOTO_QUALITY = 85
THUMBNAIL_QUALITY = 80

#: Limits of the ZIP containers (OOXML, OFD). Nothing is unpacked here, but whoever opens
#: the file later unpacks it: no more members than a real document has, no more bytes in
#: all, and no member that claims to expand more than deflate's honest worst case.
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_UNCOMPRESSED = 250 * 1024 * 1024
ZIP_MAX_RATIO = 500
ZIP_RATIO_FLOOR = 1024 * 1024  # small members may compress well; only big ones count

NAME_MAX = 200
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclasses.dataclass(frozen=True)
class CheckedUpload:
    """A file that passed the checks, ready to store. `size` and `sha256` are those of the
    stored file (`file`), which for photos and text is the re-encoded one."""

    kind: str  # PHOTO or DOCUMENT
    extension: str  # of the stored file, lower case, no dot: "jpg", "pdf", "docx", …
    content_type: str
    original_name: str  # sanitised, at most 200 characters: shown to people, never a path
    size: int
    sha256: str
    file: ContentFile
    thumbnail: ContentFile | None = None
    width: int | None = None
    height: int | None = None


@dataclasses.dataclass(frozen=True)
class _Format:
    kind: str
    label: object  # lazy: "a PDF document"
    content_type: str


_PHOTO_LABEL = gettext_lazy("a photo (JPEG, PNG or WebP)")
FORMATS: dict[str, _Format] = {
    "jpg": _Format(PHOTO, gettext_lazy("a JPEG photo"), "image/jpeg"),
    "jpeg": _Format(PHOTO, gettext_lazy("a JPEG photo"), "image/jpeg"),
    "png": _Format(PHOTO, gettext_lazy("a PNG image"), "image/png"),
    "webp": _Format(PHOTO, gettext_lazy("a WebP image"), "image/webp"),
    "pdf": _Format(DOCUMENT, gettext_lazy("a PDF document"), "application/pdf"),
    "docx": _Format(
        DOCUMENT, gettext_lazy("a Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": _Format(
        DOCUMENT, gettext_lazy("an Excel workbook"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "pptx": _Format(
        DOCUMENT, gettext_lazy("a PowerPoint presentation"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "doc": _Format(DOCUMENT, gettext_lazy("a Word 97–2003 document"), "application/msword"),
    "xls": _Format(DOCUMENT, gettext_lazy("an Excel 97–2003 workbook"), "application/vnd.ms-excel"),
    "ppt": _Format(DOCUMENT, gettext_lazy("a PowerPoint 97–2003 presentation"), "application/vnd.ms-powerpoint"),
    "wps": _Format(DOCUMENT, gettext_lazy("a WPS Writer document"), "application/wps-office.wps"),
    "et": _Format(DOCUMENT, gettext_lazy("a WPS Spreadsheets workbook"), "application/wps-office.et"),
    "dps": _Format(DOCUMENT, gettext_lazy("a WPS Presentation"), "application/wps-office.dps"),
    "ofd": _Format(DOCUMENT, gettext_lazy("an OFD document"), "application/ofd"),
    "txt": _Format(DOCUMENT, gettext_lazy("a plain text file"), "text/plain; charset=utf-8"),
}

#: OOXML: the part each kind of document must have.
_OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
#: OLE2 (Compound File): the stream each kind of document must have, as its directory names
#: it (UTF-16LE). WPS Office's formats keep the Microsoft streams.
_OLE2_STREAMS = {
    "doc": ("WordDocument",), "wps": ("WordDocument",),
    "xls": ("Workbook", "Book"), "et": ("Workbook", "Book"),
    "ppt": ("PowerPoint Document",), "dps": ("PowerPoint Document",),
}


def accepted_extensions(allowed=(PHOTO, DOCUMENT)) -> list[str]:
    return [ext for ext, fmt in FORMATS.items() if fmt.kind in allowed]


def sanitise_name(name: str, *, extension: str = "") -> str:
    """The uploader's file name as it may be shown: no folders, no control characters, NFC,
    at most NAME_MAX characters (the stem is cut, the extension kept)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if not name:
        name = f"file.{extension}" if extension else "file"
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) < 16:
            name = stem[: NAME_MAX - len(ext) - 1] + "." + ext
        else:
            name = name[:NAME_MAX]
    return name


def _extension(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    return ext.lower() if dot and stem.strip(". ") else ""


def _read(uploaded_file, limit: int) -> bytes:
    """At most `limit` + 1 bytes, so a file over the limit is known without reading it all."""
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    chunks, total = [], 0
    while total <= limit:
        chunk = uploaded_file.read(min(1024 * 1024, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def check_upload(uploaded_file, *, allowed=(PHOTO, DOCUMENT), max_bytes: int | None = None) -> CheckedUpload:
    """Check one uploaded file (Django's UploadedFile or any file object with a `name`) and
    return it ready to store, or raise DomainError naming the file and the reason."""
    max_bytes = settings.EVIDENCE_MAX_BYTES if max_bytes is None else max_bytes
    raw_name = getattr(uploaded_file, "name", "") or ""
    ext = _extension(raw_name)
    name = sanitise_name(raw_name, extension=ext)

    def refuse(message: str, code: str, **params):
        raise DomainError(message % {"name": name, **params}, code=code)

    fmt = FORMATS.get(ext)
    if fmt is None or fmt.kind not in allowed:
        accepted = ", ".join(f".{e}" for e in accepted_extensions(allowed))
        if fmt is None and ext:
            refuse(_("“%(name)s”: files of type .%(ext)s are not accepted. Accepted: %(accepted)s."),
                   "file_type", ext=ext, accepted=accepted)
        if fmt is None:
            refuse(_("“%(name)s” has no file type in its name. Accepted: %(accepted)s."),
                   "file_type", accepted=accepted)
        refuse(_("“%(name)s” is %(label)s, but only %(accepted)s are accepted here."),
               "file_type", label=fmt.label, accepted=accepted)
    size = getattr(uploaded_file, "size", None)
    data = b"" if size is not None and size > max_bytes else _read(uploaded_file, max_bytes)
    if (size is not None and size > max_bytes) or len(data) > max_bytes:
        refuse(_("“%(name)s” is larger than %(limit)s."), "file_size", limit=filesizeformat(max_bytes))
    if not data:
        refuse(_("“%(name)s” is empty."), "file_empty")

    actual = sniff(data)
    expected_label = _PHOTO_LABEL if fmt.kind == PHOTO else fmt.label
    if fmt.kind == PHOTO:
        if actual != PHOTO:
            refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
                   "file_content", expected=expected_label, actual=describe(data, actual))
        return _photo(data, name, refuse)
    if ext in _OOXML_MAIN_PART or ext == "ofd":
        if actual != "zip":
            refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
                   "file_content", expected=expected_label, actual=describe(data, actual))
        _check_zip(data, ext, refuse)
    elif ext in _OLE2_STREAMS:
        if actual != "ole2":
            refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
                   "file_content", expected=expected_label, actual=describe(data, actual))
        if not any(stream.encode("utf-16-le") in data for stream in _OLE2_STREAMS[ext]):
            refuse(_("“%(name)s” is not %(expected)s: it is an Office file of another kind."),
                   "file_content", expected=expected_label)
    elif ext == "pdf":
        if actual != "pdf":
            refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
                   "file_content", expected=expected_label, actual=describe(data, actual))
    elif ext == "txt":
        text = _decode_text(data)
        if text is None:
            refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
                   "file_content", expected=expected_label, actual=describe(data, actual))
        data = text.encode("utf-8")
    return _stored(data, kind=DOCUMENT, extension=ext, content_type=fmt.content_type, name=name)


# --- What the content is ----------------------------------------------------------------


def sniff(data: bytes) -> str:
    """The family of the content from its first bytes: "photo", "pdf", "zip", "ole2", or
    a name of something refused ("windows", "elf", …, "unknown")."""
    head = data[:16]
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return PHOTO
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return PHOTO
    # Readers accept a PDF whose header comes after other bytes; that is how a program
    # passes for a PDF (a polyglot), so here the header must come first.
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.startswith(b"MZ"):
        return "windows"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        return "macos"
    if head.startswith(b"#!"):
        return "script"
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return "archive"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftypavif"):
        return "heic"
    if head[4:8] == b"ftyp":
        return "video"
    lowered = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")):
        return "markup"
    return "unknown"


_DESCRIPTIONS = {
    PHOTO: gettext_lazy("a photo"),
    "pdf": gettext_lazy("a PDF document"),
    "zip": gettext_lazy("a ZIP archive"),
    "ole2": gettext_lazy("an Office 97–2003 file"),
    "windows": gettext_lazy("a Windows program"),
    "elf": gettext_lazy("a Linux program"),
    "macos": gettext_lazy("a macOS program"),
    "script": gettext_lazy("a script"),
    "archive": gettext_lazy("a compressed archive"),
    "gif": gettext_lazy("a GIF image (save it as JPEG or PNG)"),
    "heic": gettext_lazy("a HEIC/AVIF photo (save it as JPEG)"),
    "video": gettext_lazy("a video"),
    "markup": gettext_lazy("a web page or XML file"),
    "unknown": gettext_lazy("of an unknown kind"),
}


def describe(data: bytes, family: str) -> str:
    if family == "unknown" and _decode_text(data) is not None:
        return str(gettext_lazy("plain text"))
    return str(_DESCRIPTIONS[family])


def _decode_text(data: bytes) -> str | None:
    """Text in UTF-8 (with or without BOM) or GB18030 (which reads GBK and GB2312), without
    NUL bytes; None when it is neither."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


# --- Containers -------------------------------------------------------------------------


def _check_zip(data: bytes, ext: str, refuse) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        refuse(_("“%(name)s” is damaged: it cannot be opened as %(expected)s."),
               "file_damaged", expected=FORMATS[ext].label)
    if len(infos) > ZIP_MAX_MEMBERS:
        refuse(_("“%(name)s” holds %(n)d parts, more than a document has (at most %(max)d)."),
               "file_zip_members", n=len(infos), max=ZIP_MAX_MEMBERS)
    total = sum(info.file_size for info in infos)
    inflated = any(
        info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if total > ZIP_MAX_UNCOMPRESSED or inflated:
        refuse(_("“%(name)s” unpacks to far more data than a document holds; it is refused as a ZIP bomb."),
               "file_zip_bomb")
    if any(info.flag_bits & 0x1 for info in infos):
        refuse(_("“%(name)s” is encrypted; upload it without a password."), "file_encrypted")
    names = {info.filename for info in infos}
    if ext == "ofd":
        if "OFD.xml" not in names:
            refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
                   "file_content", expected=FORMATS[ext].label, actual=_DESCRIPTIONS["zip"])
        return
    if "[Content_Types].xml" not in names:
        refuse(_("“%(name)s” is not %(expected)s: its content is %(actual)s."),
               "file_content", expected=FORMATS[ext].label, actual=_DESCRIPTIONS["zip"])
    if _OOXML_MAIN_PART[ext] not in names:
        refuse(_("“%(name)s” is not %(expected)s: it is an Office file of another kind."),
               "file_content", expected=FORMATS[ext].label)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        refuse(_("“%(name)s” contains macros; save it without them (as .%(ext)s) and upload it again."),
               "file_macros", ext=ext)


# --- Photos -----------------------------------------------------------------------------


def _photo(data: bytes, name: str, refuse) -> CheckedUpload:
    too_many_pixels = _("“%(name)s” has too many pixels: at most %(max)d megapixels are accepted.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ("JPEG", "PNG", "WEBP"):
                    refuse(_("“%(name)s” is not a JPEG, PNG or WebP photo."), "file_content")
                width, height = probe.size
                if width * height > PHOTO_MAX_PIXELS:
                    refuse(too_many_pixels, "file_pixels", max=PHOTO_MAX_PIXELS // 1_000_000)
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.seek(0)  # an animated PNG or WebP: its first frame
                image.load()
                photo = _flatten(ImageOps.exif_transpose(image))
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        refuse(too_many_pixels, "file_pixels", max=PHOTO_MAX_PIXELS // 1_000_000)
    except Exception:  # a malformed image can fail in any of Pillow's decoders
        refuse(_("“%(name)s” is damaged: it cannot be opened as a photo."), "file_damaged")
    photo.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = photo.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return dataclasses.replace(
        _stored(_jpeg(photo, PHOTO_QUALITY), kind=PHOTO, extension="jpg", content_type="image/jpeg", name=name),
        thumbnail=ContentFile(_jpeg(thumb, THUMBNAIL_QUALITY), name="thumbnail.jpg"),
        width=photo.width,
        height=photo.height,
    )


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with transparency laid on white (JPEG has none)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int) -> bytes:
    """Encoded without EXIF, XMP, ICC or comments: Pillow writes only what it is handed."""
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def _stored(data: bytes, *, kind: str, extension: str, content_type: str, name: str) -> CheckedUpload:
    return CheckedUpload(
        kind=kind,
        extension=extension,
        content_type=content_type,
        original_name=name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        file=ContentFile(data, name=f"upload.{extension}"),
    )


def file_response(stored, *, content_type: str, attachment: bool = False, filename: str = "",
                  cache: str = "private, no-store"):
    """A stored upload as the response to whoever was allowed to load its owner: 404 when
    there is none or the file went missing from storage (never a 500), documents as a
    download under `filename`, never sniffed into another type by the browser, and by
    default kept out of shared caches."""
    from django.http import FileResponse, Http404

    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


def photo_view(photos_visible_to, *, thumbnail: bool = False):
    """A login-only GET view serving one photo (or its JPEG thumbnail) found by pk among
    `photos_visible_to(user)`: 404 outside the user's view or when the file is gone."""
    from django.contrib.auth.decorators import login_required
    from django.shortcuts import get_object_or_404
    from django.views.decorators.http import require_safe

    @login_required
    @require_safe
    def view(request, pk):
        photo = get_object_or_404(photos_visible_to(request.user), pk=pk)
        if thumbnail:
            return file_response(photo.thumbnail, content_type="image/jpeg")
        return file_response(photo.file, content_type=photo.content_type)

    return view
