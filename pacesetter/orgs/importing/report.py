"""The error report as a downloadable .xlsx, kept for the user who ran the import."""
from __future__ import annotations

import io
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .engine import ImportResult

REPORT_DIR = "import-reports"
KEEP_SECONDS = 24 * 3600
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def error_report_xlsx(result: ImportResult) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Errors"))
    sheet.append([_("row"), _("column"), _("value"), _("reason")])
    for error in result.errors:
        sheet.append([error.row, error.column, error.value, error.message])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / REPORT_DIR


def save_report(result: ImportResult, user) -> str:
    """Store the report under an unguessable name tied to the user; returns its token.

    Reports older than a day are removed on the way.
    """
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{user.pk}-{token}.xlsx").write_bytes(error_report_xlsx(result))
    return token


def report_path(token: str, user) -> Path | None:
    """The stored report if `token` names one of `user`'s own reports."""
    if not _TOKEN_RE.match(token or ""):
        return None
    path = _folder() / f"{user.pk}-{token}.xlsx"
    return path if path.is_file() else None
