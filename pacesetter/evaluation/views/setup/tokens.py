"""Tokens of a round, made and handed out: a printable sheet of slips with QR codes, or a CSV
of ballot URLs for an SMS gateway.

Both answers hold live tokens, shown this once and never stored: they are not cached, send
no referrer, and nothing here logs them (the path holds only the round's id; the audit entry
holds counts). The form carries a one-time `batch` so that reloading the sheet answers with
a refusal instead of new tokens (new ones would revoke the slips just printed).
"""
from __future__ import annotations

import csv
import io

import segno
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from pacesetter.orgs.forms import add_domain_error

from ... import domain
from ...enums import RoundState
from ...forms import PRINT_MAX, TokenForm
from ...models import RoundGroup, RoundSubject
from ...queries import subjects_visible_to
from .common import RoundMixin

SLIPS_PER_PAGE = 8
SESSION_BATCHES = "evaluation.token_batches"
KEEP_BATCHES = 50


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


class Slip:
    """One token as handed out. Its repr leaves out the URL and the QR code: with DEBUG
    logging, Django's template engine logs the whole context whenever a variable is missing,
    and these two hold a live token."""

    __slots__ = ("code", "group", "qr", "subject", "url")

    def __init__(self, *, code: str, subject: str, group: str, url: str):
        self.code, self.subject, self.group, self.url, self.qr = code, subject, group, url, ""

    def __repr__(self) -> str:
        return f"<Slip {self.code}>"


def subject_code(subject: RoundSubject) -> str:
    return subject.member.code if subject.member_id else subject.organization.code


class RoundTokens(RoundMixin, View):
    manage = True
    template_name = "evaluation/setup/round/tokens.html"

    def make_form(self, data=None) -> TokenForm:
        subjects = (
            subjects_visible_to(self.request.user).filter(round=self.round)
            .select_related("organization", "member").order_by("organization__path", "member__code", "id")
        )
        groups = RoundGroup.objects.filter(round=self.round).select_related("voter_group").order_by("id")
        initial = {}
        # isdigit() alone takes '²' too, which int() refuses: ASCII digits only.
        if data is None and (chosen := self.request.GET.get("subject", "")).isascii() and chosen.isdigit():
            initial["subject"] = int(chosen)
        return TokenForm(data, subjects=subjects, groups=groups, initial=initial)

    def render_form(self, form, status: int = 200):
        context = {
            "round": self.round, "form": form,
            "may_make": self.round.state in (RoundState.DRAFT, RoundState.OPEN),
            "print_max": PRINT_MAX, "csv_max": domain.MAX_TOKENS,
        }
        return _private(render(self.request, self.template_name, context, status=status))

    def get(self, request, pk):
        return self.render_form(self.make_form())

    def post(self, request, pk):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        batch = form.cleaned_data["batch"]
        seen = request.session.get(SESSION_BATCHES, [])
        if batch in seen:
            form.add_error(None, _(
                "These tokens were already made. Making them again would revoke the slips already printed or "
                "sent; to make new tokens on purpose, open this form again."
            ))
            return self.render_form(form)
        try:
            made = domain.make_tokens_for_subjects(
                self.round, subjects=form.chosen_subjects(), group=form.cleaned_data["group"],
                count=form.cleaned_data["count"], by=request.user,
            )
        except ValidationError as error:
            add_domain_error(form, error)
            return self.render_form(form)
        request.session[SESSION_BATCHES] = [*seen, batch][-KEEP_BATCHES:]
        group = str(form.cleaned_data["group"].voter_group)
        rows = [self.slip(subject, group, token) for subject, token in made]
        if form.cleaned_data["output"] == TokenForm.CSV:
            return _private(self.csv_response(rows))
        return _private(self.sheet_response(rows))

    def slip(self, subject: RoundSubject, group: str, token: str) -> Slip:
        url = self.request.build_absolute_uri(reverse("ballot:vote", args=[token]))
        return Slip(code=subject_code(subject), subject=subject.label, group=group, url=url)

    def sheet_response(self, rows: list[Slip]) -> HttpResponse:
        for row in rows:
            # segno's inline SVG: a <path> with a stroke attribute, no style attribute (the CSP forbids those).
            row.qr = mark_safe(  # noqa: S308 - drawn by segno from a URL we built # nosec B308, B703 # segno's SVG of a URL we built, no user-supplied markup
                segno.make_qr(row.url, error="m").svg_inline(omitsize=True, border=4, svgclass="slip-qr")
            )
        pages = [rows[i:i + SLIPS_PER_PAGE] for i in range(0, len(rows), SLIPS_PER_PAGE)]
        context = {"round": self.round, "pages": pages, "count": len(rows)}
        return render(self.request, "evaluation/setup/round/sheet.html", context)

    def csv_response(self, rows: list[Slip]) -> HttpResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("subject code"), _("subject"), _("voter group"), _("ballot URL")])
        writer.writerows([row.code, row.subject, row.group, row.url] for row in rows)
        # A byte-order mark, so Excel and WPS read the file as UTF-8 rather than the local code page.
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"ballot-urls-round{self.round.pk}-{timezone.localdate():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
