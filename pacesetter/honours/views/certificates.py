"""Printable certificates (荣誉证书): one page per honour, A4 landscape, with the QR code of
its public verify page; and all certificates of a commended selection in one print job.
The browser's Print command makes the paper (or a PDF): print CSS, no PDF library."""
from __future__ import annotations

import segno
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.orgs.models import Organization

from .. import rules as h_rules
from ..queries import honours_visible_to, in_force, selections_to_commend, with_display
from .common import verify_url
from .manage import CountyAdminOnly


def _issuer(org: Organization) -> str:
    """The county committee that gives the honour: the root of the honoured organisation's tree."""
    root = Organization.objects.filter(path=org.path[: Organization.steplen])
    return root.values_list("name", flat=True).first() or ""


def _sheets(request, honours) -> list[dict]:
    sheets = []
    for honour in honours:
        url = verify_url(request, honour)
        qr = segno.make(url, error="m").svg_inline(
            scale=3, border=2, omitsize=True, svgclass="cert-qr", title=_("QR code to verify the certificate"))
        sheets.append({"honour": honour, "url": url, "qr": mark_safe(qr)})  # nosec B308, B703 # segno's SVG of a URL we built, no user-supplied markup
    return sheets


class Certificate(LoginRequiredMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        honour = get_object_or_404(with_display(honours_visible_to(request.user)).select_related("organization"), pk=pk)
        if not h_rules.can_print_certificate(request.user, honour):
            raise PermissionDenied
        sheets = [] if honour.revoked_at else _sheets(request, [honour])
        return render(request, "honours/certificates.html", {
            "sheets": sheets, "honour": honour, "issuer": _issuer(honour.organization),
            "back": honour.get_absolute_url(),
        })


class SelectionCertificates(CountyAdminOnly, View):
    """Every certificate in force of a commended selection, one per printed page."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        selection = get_object_or_404(selections_to_commend(request.user), pk=pk)
        honours = list(with_display(in_force(honours_visible_to(request.user))).filter(selection=selection)
                       .select_related("organization").order_by("certificate_no"))
        issuer = _issuer(honours[0].organization) if honours else ""
        return render(request, "honours/certificates.html", {
            "sheets": _sheets(request, honours), "selection": selection, "issuer": issuer,
            "back": reverse("honours:commend", kwargs={"pk": selection.pk}),
        })
