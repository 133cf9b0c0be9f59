"""Photos and themes for the exhibition tests."""
from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pacesetter.exhibition import domain
from pacesetter.exhibition.models import Theme

GPS_IFD = 0x8825
TAKEN = datetime.date(2026, 3, 12)


def jpeg_with_gps(name: str = "植树.jpg", colour=(200, 30, 30)) -> SimpleUploadedFile:
    """A JPEG carrying a camera make and a GPS position in its EXIF, as a phone writes it."""
    image = Image.new("RGB", (64, 48), colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def renamed_exe(name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")


def theme(name: str = "志愿服务", **fields) -> Theme:
    return Theme.objects.create(name=name, **fields)


def upload(tree, *, org=None, by=None, theme_=None, n: int = 1, caption: str = "党员志愿服务", taken_on=TAKEN):
    """`n` photos of `org` (T1B1) uploaded by its branch admin."""
    return domain.upload_photos(
        by=by or tree.users.branch_admin, organization=org or tree.b1, theme=theme_ or theme(),
        caption=caption, place="一号村广场", taken_on=taken_on,
        files=[jpeg_with_gps(f"p{i}.jpg", (20 * i, 90, 40)) for i in range(n)],
    )
