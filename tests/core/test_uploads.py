"""Checked evidence uploads, with real files made here: type from content, the extension
agreeing, size limits, photos re-encoded without metadata, ZIP containers kept sane."""
import hashlib
import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image

from pacesetter.core.errors import DomainError
from pacesetter.core.uploads import CheckedUpload, check_upload, sanitise_name

MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode."
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(name: str, data: bytes, **kwargs) -> tuple[str, str]:
    with pytest.raises(DomainError) as caught:
        check_upload(upload(name, data), **kwargs)
    return caught.value.code, caught.value.messages[0]


def jpeg_with_gps(size=(200, 100), orientation=1) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def image_bytes(fmt: str, size=(64, 48), mode="RGB", color=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=fmt)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX_MEMBERS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
    "word/document.xml": "<w:document><w:body><w:p><w:r><w:t>承诺事项</w:t></w:r></w:p></w:body></w:document>".encode(),
}


def ole2(stream: str) -> bytes:
    """A Compound File header and a directory sector naming one stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHH", 0x3E, 3, 0xFFFE) + b"\x00" * 482
    name = stream.encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + struct.pack("<H", len(name)) + b"\x02" + b"\x00" * 61
    root = "Root Entry".encode("utf-16-le").ljust(64, b"\x00") + struct.pack("<H", 22) + b"\x05" + b"\x00" * 61
    return header + root + entry + b"\x00" * 256


# --- Photos -------------------------------------------------------------------------------


def test_photo_is_reencoded_without_exif_and_gps():
    checked = check_upload(upload("现场.jpg", jpeg_with_gps(), "image/jpeg"))
    stored = Image.open(io.BytesIO(checked.file.read()))
    assert (stored.format, dict(stored.getexif()), stored.info.get("exif"), "GPSInfo" in stored.getexif()) == (
        "JPEG", {}, None, False
    )


def test_photo_is_turned_upright_by_its_orientation():
    checked = check_upload(upload("side.jpg", jpeg_with_gps(size=(200, 100), orientation=6)))
    assert (checked.width, checked.height, Image.open(io.BytesIO(checked.file.read())).size) == (100, 200, (100, 200))


def test_photo_fields_describe_the_stored_file():
    checked = check_upload(upload("现场照片.PNG", image_bytes("PNG")))
    data = checked.file.read()
    assert (
        checked.kind, checked.extension, checked.content_type, checked.original_name, checked.size, checked.sha256,
    ) == ("photo", "jpg", "image/jpeg", "现场照片.PNG", len(data), hashlib.sha256(data).hexdigest())


def test_big_photo_is_scaled_to_2560_and_thumbnailed_to_400():
    checked = check_upload(upload("wide.webp", image_bytes("WEBP", size=(3000, 1500))))
    thumb = Image.open(io.BytesIO(checked.thumbnail.read()))
    assert ((checked.width, checked.height), thumb.format, thumb.size) == ((2560, 1280), "JPEG", (400, 200))


def test_small_photo_keeps_its_size():
    checked = check_upload(upload("small.jpg", image_bytes("JPEG", size=(64, 48))))
    assert (checked.width, checked.height) == (64, 48)


def test_transparent_png_is_laid_on_white():
    checked = check_upload(upload("logo.png", image_bytes("PNG", size=(10, 10), mode="RGBA", color=(0, 0, 0, 0))))
    stored = Image.open(io.BytesIO(checked.file.read()))
    assert (stored.mode, stored.getpixel((5, 5))) == ("RGB", (255, 255, 255))


def test_photo_extension_among_photo_formats_may_differ():
    """A PNG named .jpg is a photo all the same: it is re-encoded to JPEG anyway."""
    assert check_upload(upload("x.jpg", image_bytes("PNG"))).content_type == "image/jpeg"


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares a huge canvas over a few bytes of data: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused_before_decoding():
    assert refusal("bomb.png", png_declaring(8000, 6000)) == (
        "file_pixels", "“bomb.png” has too many pixels: at most 40 megapixels are accepted."
    )


def test_huge_decompression_bomb_is_refused_too():
    """Past Pillow's own limit (about 179 megapixels) Pillow refuses it first: same answer."""
    assert refusal("bomb.png", png_declaring(20000, 20000))[0] == "file_pixels"


def test_damaged_jpeg_is_refused():
    data = jpeg_with_gps()[:300]
    assert refusal("broken.jpg", data) == ("file_damaged", "“broken.jpg” is damaged: it cannot be opened as a photo.")


def test_gif_named_jpg_is_refused_naming_what_it_is():
    assert refusal("anim.jpg", image_bytes("GIF")) == (
        "file_content",
        "“anim.jpg” is not a photo (JPEG, PNG or WebP): its content is a GIF image (save it as JPEG or PNG).",
    )


# --- Renamed programs ---------------------------------------------------------------------


def test_windows_program_named_jpg_is_refused():
    assert refusal("photo.jpg", MZ) == (
        "file_content", "“photo.jpg” is not a photo (JPEG, PNG or WebP): its content is a Windows program."
    )


def test_windows_program_named_pdf_is_refused():
    assert refusal("report.pdf", MZ) == (
        "file_content", "“report.pdf” is not a PDF document: its content is a Windows program."
    )


def test_linux_program_named_txt_is_refused():
    assert refusal("notes.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56) == (
        "file_content", "“notes.txt” is not a plain text file: its content is a Linux program."
    )


def test_script_named_docx_is_refused():
    assert refusal("plan.docx", b"#!/bin/sh\nrm -rf /\n") == (
        "file_content", "“plan.docx” is not a Word document: its content is a script."
    )


def test_web_page_named_pdf_is_refused():
    assert refusal("report.pdf", b"<html><script>alert(1)</script></html>") == (
        "file_content", "“report.pdf” is not a PDF document: its content is a web page or XML file."
    )


def test_program_with_a_pdf_header_later_is_refused():
    """A polyglot: a program that carries a PDF header after its own."""
    assert refusal("report.pdf", MZ + PDF)[1] == "“report.pdf” is not a PDF document: its content is a Windows program."


def test_executable_extension_is_refused():
    assert refusal("setup.exe", MZ)[0] == "file_type"


def test_executable_extension_message_lists_what_is_accepted():
    assert refusal("setup.exe", MZ, allowed=("photo",))[1] == (
        "“setup.exe”: files of type .exe are not accepted. Accepted: .jpg, .jpeg, .png, .webp."
    )


def test_name_without_extension_is_refused():
    assert refusal("README", b"hello")[1].startswith("“README” has no file type in its name.")


def test_document_where_only_photos_are_allowed_is_refused():
    assert refusal("report.pdf", PDF, allowed=("photo",)) == (
        "file_type", "“report.pdf” is a PDF document, but only .jpg, .jpeg, .png, .webp are accepted here."
    )


# --- Documents ------------------------------------------------------------------------------


def test_pdf_is_accepted_unchanged():
    checked = check_upload(upload("总结.pdf", PDF))
    assert (checked.kind, checked.extension, checked.content_type, checked.file.read(), checked.thumbnail) == (
        "document", "pdf", "application/pdf", PDF, None
    )


def test_docx_made_with_zipfile_is_accepted():
    checked = check_upload(upload("承诺书.docx", zip_bytes(DOCX_MEMBERS)))
    assert (checked.extension, checked.content_type) == (
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_xlsx_made_with_openpyxl_is_accepted():
    workbook = openpyxl.Workbook()
    workbook.active.append(["事项", "进度"])
    out = io.BytesIO()
    workbook.save(out)
    assert check_upload(upload("台账.xlsx", out.getvalue())).extension == "xlsx"


def test_xlsx_named_docx_is_refused():
    workbook = openpyxl.Workbook()
    out = io.BytesIO()
    workbook.save(out)
    assert refusal("plan.docx", out.getvalue()) == (
        "file_content", "“plan.docx” is not a Word document: it is an Office file of another kind."
    )


def test_plain_zip_named_docx_is_refused():
    assert refusal("plan.docx", zip_bytes({"a.txt": b"x"})) == (
        "file_content", "“plan.docx” is not a Word document: its content is a ZIP archive."
    )


def test_docx_with_macros_is_refused():
    data = zip_bytes({**DOCX_MEMBERS, "word/vbaProject.bin": b"\x00" * 10})
    assert refusal("plan.docx", data)[0] == "file_macros"


def test_zip_bomb_docx_is_refused():
    data = zip_bytes({**DOCX_MEMBERS, "word/media/filler.bin": b"\x00" * (20 * 1024 * 1024)})
    assert refusal("plan.docx", data) == (
        "file_zip_bomb", "“plan.docx” unpacks to far more data than a document holds; it is refused as a ZIP bomb."
    )


def test_docx_with_too_many_members_is_refused():
    data = zip_bytes({**DOCX_MEMBERS, **{f"word/p{i}.xml": b"" for i in range(5001)}})
    assert refusal("plan.docx", data)[0] == "file_zip_members"


def test_damaged_zip_is_refused():
    assert refusal("plan.docx", zip_bytes(DOCX_MEMBERS)[:60])[0] == "file_damaged"


def test_ofd_is_accepted():
    data = zip_bytes({"OFD.xml": b'<?xml version="1.0"?><ofd:OFD/>', "Doc_0/Document.xml": b"<ofd:Document/>"})
    assert (check_upload(upload("公文.ofd", data)).content_type) == "application/ofd"


def test_zip_without_ofd_xml_named_ofd_is_refused():
    assert refusal("公文.ofd", zip_bytes(DOCX_MEMBERS))[0] == "file_content"


@pytest.mark.parametrize(("name", "stream"), [
    ("a.doc", "WordDocument"), ("a.wps", "WordDocument"), ("a.xls", "Workbook"), ("a.et", "Book"),
    ("a.ppt", "PowerPoint Document"), ("a.dps", "PowerPoint Document"),
])
def test_ole2_documents_are_accepted(name, stream):
    assert check_upload(upload(name, ole2(stream))).extension == name.rsplit(".", 1)[1]


def test_ole2_of_another_kind_is_refused():
    assert refusal("sheet.xls", ole2("WordDocument")) == (
        "file_content", "“sheet.xls” is not an Excel 97–2003 workbook: it is an Office file of another kind."
    )


def test_gbk_text_is_accepted_and_stored_as_utf8():
    text = "党员承诺：每月走访群众两次。\n"
    checked = check_upload(upload("承诺.txt", text.encode("gbk")))
    assert (checked.file.read().decode("utf-8"), checked.content_type) == (text, "text/plain; charset=utf-8")


def test_utf8_text_with_bom_is_accepted():
    checked = check_upload(upload("note.txt", "\ufeff进度说明".encode()))
    assert checked.file.read() == "进度说明".encode()


def test_text_with_nul_bytes_is_refused():
    assert refusal("note.txt", "progress 进度".encode("utf-16-le"))[0] == "file_content"


# --- Size and names -------------------------------------------------------------------------


def test_empty_file_is_refused():
    assert refusal("empty.pdf", b"") == ("file_empty", "“empty.pdf” is empty.")


def test_file_over_the_limit_is_refused():
    assert refusal("big.pdf", PDF + b"0" * 2000, max_bytes=1000) == ("file_size", "“big.pdf” is larger than 1000\xa0bytes.")


@override_settings(EVIDENCE_MAX_BYTES=1024 * 1024)
def test_limit_comes_from_the_settings():
    assert refusal("big.pdf", PDF + b"0" * (1024 * 1024))[1] == "“big.pdf” is larger than 1.0\xa0MB."


def test_file_at_the_limit_is_accepted():
    assert check_upload(upload("edge.pdf", PDF), max_bytes=len(PDF)).size == len(PDF)


def test_file_object_without_size_is_read_up_to_the_limit():
    handle = io.BytesIO(PDF + b"0" * 5000)
    handle.name = "stream.pdf"
    with pytest.raises(DomainError) as caught:
        check_upload(handle, max_bytes=1000)
    assert caught.value.code == "file_size"


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\张三\\现场照片.jpg", "现场照片.jpg"),
    ("bad\x00name\x1b.pdf", "badname.pdf"),
    ("...", "file"),
    ("长" * 300 + ".docx", "长" * 195 + ".docx"),
])
def test_names_are_sanitised(raw, expected):
    assert sanitise_name(raw) == expected


def test_checked_upload_carries_the_sanitised_name():
    checked = check_upload(upload("../secret/总结.pdf", PDF))
    assert (type(checked), checked.original_name) == (CheckedUpload, "总结.pdf")
