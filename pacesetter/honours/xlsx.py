"""The honours list as an .xlsx workbook, for the county's files."""
from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import header_sheet
from pacesetter.orgs.enums import Sector


def honours_xlsx(honours) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Honours"), [
        (_("Certificate number"), 18), (_("Year"), 8), (_("Honour"), 16), (_("Organisation"), 30), (_("Member"), 12),
        (_("Township"), 14), (_("Sector"), 14), (_("Commended on"), 12), (_("Citation"), 40), (_("Revoked"), 12),
        (_("Reason for revoking"), 30),
    ])
    sectors = dict(Sector.choices)
    for h in honours.iterator(chunk_size=2000):
        sheet.append([
            h.certificate_no, h.year, h.kind.name, h.organization_name, h.member_name, h.township,
            str(sectors.get(h.sector, h.sector)), h.commended_on, h.citation,
            timezone.localdate(h.revoked_at) if h.revoked_at else None, h.revoked_reason,
        ])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
