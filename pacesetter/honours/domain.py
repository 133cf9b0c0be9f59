"""Every write of honours: commending a final selection, entering an earlier honour by hand,
revoking one. One function each, with its transaction and audit entry."""
from __future__ import annotations

import datetime
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.linkage.models import AffiliateUnit
from pacesetter.notifications.domain import notify
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Member, Organization, RoleAssignment
from pacesetter.orgs.queries import ancestor_paths
from pacesetter.selections.enums import NominationStatus, NomineeKind, SelectionState
from pacesetter.selections.models import HonourKind, Selection

from . import rules as h_rules
from .models import Honour

#: The earliest year an honour may be entered for (the county's records go back this far).
FIRST_YEAR = 1949


def _refuse(message: str, code: str):
    raise DomainError(message, code=code)


def _forbid(user) -> None:
    if not h_rules.can_manage_honours(user):
        raise PermissionDeniedError(_("Only county admins give and revoke honours."), code="forbidden")


def _text(value, *, code: str, field: str, limit: int, required: bool) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        _refuse(_("%(field)s is required.") % {"field": field}, f"{code}_required")
    if len(text) > limit:
        _refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit},
                f"{code}_too_long")
    return text


def kind_prefix(kind: HonourKind) -> str:
    """The kind's part of a certificate number: the initials of its code and its id, so two
    kinds never share a sequence ("red_flag_branch", id 2 → "RFB2")."""
    initials = "".join(word[0] for word in re.split(r"[_-]+", kind.code) if word).upper()
    return f"{initials[:6]}{kind.pk}"


class CertificateNumbers:
    """Certificate numbers "<year>-<kind prefix>-<0001>", one sequence per year and kind.
    Numbers are never reused: a revoked honour keeps its number, the next one follows the
    highest given. Callers hold the kind's row lock, so two commendations queue."""

    def __init__(self):
        self.last: dict[tuple[int, int], int] = {}

    def next(self, kind: HonourKind, year: int) -> str:
        prefix = f"{year}-{kind_prefix(kind)}-"
        key = (kind.pk, year)
        if key not in self.last:
            highest = Honour.objects.filter(certificate_no__startswith=prefix).aggregate(n=Max("certificate_no"))["n"]
            self.last[key] = int(highest.rsplit("-", 1)[1]) if highest else 0
        self.last[key] += 1
        return f"{prefix}{self.last[key]:04d}"


def _token() -> str:
    """A verification code: 128 random bits, URL-safe (22 characters)."""
    while True:
        token = secrets.token_urlsafe(16)
        if not Honour.objects.filter(verify_token=token).exists():
            return token


def _lock_kind(kind: HonourKind) -> HonourKind:
    return HonourKind.objects.select_for_update().get(pk=kind.pk)


def _check_date(commended_on: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if commended_on is None:
        return today
    if commended_on > today:
        _refuse(_("An honour cannot be given in the future (%(day)s).") % {"day": commended_on.isoformat()},
                "commended_on_future")
    return commended_on


def _honour_snapshot(honour: Honour) -> dict:
    return audit.snapshot(honour, ["kind", "year", "organization", "member", "affiliate_unit", "organization_name",
                                   "member_name", "affiliate_unit_name", "certificate_no", "commended_on",
                                   "citation"])


# --- Commending a selection -------------------------------------------------------------


def commend(selection: Selection, *, by, commended_on: datetime.date | None = None, citation: str = "") -> list[Honour]:
    """Give the honour to every confirmed nominee of a final selection and mark it commended.

    An affiliate unit's honour is the unit's, filed under its party organisation. Names,
    township and sector are copied, so the roll reads as it stood on the day. The
    admins of each nominating organisation are told."""
    _forbid(by)
    commended_on = _check_date(commended_on)
    citation = _text(citation, code="citation", field=_("Citation"), limit=300, required=False)
    with transaction.atomic():
        selection = Selection.objects.select_for_update().select_related("campaign", "kind").get(pk=selection.pk)
        if selection.state != SelectionState.FINAL:
            _refuse(_("Only a final selection is commended; “%(title)s” is %(state)s.")
                    % {"title": selection.title, "state": selection.get_state_display()}, "not_final")
        nominations = list(
            selection.nominations.filter(status=NominationStatus.CONFIRMED)
            .select_related("organization", "member", "affiliate_unit", "nominated_by").order_by("rank", "id")
        )
        if not nominations:
            _refuse(_("The selection has no confirmed nominee to commend."), "nothing_confirmed")
        kind = _lock_kind(selection.kind)
        year = selection.campaign.year
        numbers = CertificateNumbers()
        honours = Honour.objects.bulk_create([
            Honour(
                kind=kind, year=year, organization=n.organization, member=n.member, affiliate_unit=n.affiliate_unit,
                organization_name=n.organization.name, member_name=n.member.name if n.member_id else "",
                affiliate_unit_name=n.affiliate_unit.name if n.affiliate_unit_id else "",
                township=n.organization.township, sector=n.organization.sector, selection=selection, nomination=n,
                citation=citation, commended_on=commended_on, certificate_no=numbers.next(kind, year),
                verify_token=_token(), created_by=by,
            )
            for n in nominations
        ])
        selection.state = SelectionState.COMMENDED
        selection.save(update_fields=["state", "updated_at"])
        audit.record("honours.commend", by=by, obj=selection, before={"state": SelectionState.FINAL}, after={
            "state": SelectionState.COMMENDED, "commended_on": commended_on, "citation": citation,
            "certificates": [h.certificate_no for h in honours]})
        _tell_nominators(selection, nominations)
    return honours


def _tell_nominators(selection: Selection, nominations: list) -> None:
    """The admins of each nominating organisation read that their nominees are commended
    (an organisation without its own admins: those of its nearest administered ancestor)."""
    paths = {n.nominated_by.path for n in nominations}
    wanted = paths | {a for p in paths for a in ancestor_paths(p)}
    admins: dict[str, set[int]] = {}
    for path, user_id in RoleAssignment.objects.filter(
            organization__path__in=wanted, role=Role.ORG_ADMIN, user__is_active=True
    ).values_list("organization__path", "user_id"):
        admins.setdefault(path, set()).add(user_id)
    users: set[int] = set()
    for path in paths:
        nearest = next((p for p in [path, *reversed(ancestor_paths(path))] if p in admins), None)
        users |= admins.get(nearest, set())
    with override(settings.LANGUAGE_CODE):
        title = _("“%(title)s”: the county has commended %(n)d honourees.") % {
            "title": selection.title, "n": len(nominations)}
    notify(sorted(users), key=f"honours.commend:{selection.pk}", kind="honours", title=title,
           url=reverse("honours:roll") + f"?year={selection.campaign.year}&kind={selection.kind_id}")


# --- Honours by hand ----------------------------------------------------------------------


def add_honour(*, by, kind: HonourKind, year: int, organization: Organization | None = None,
               member: Member | None = None, affiliate_unit: AffiliateUnit | None = None,
               commended_on: datetime.date | None = None, citation: str = "") -> Honour:
    """An honour given outside a selection here: earlier years' records, typed in from the
    county's files. Names, township and sector are copied from today's records; an
    affiliate unit's honour is filed under its party organisation."""
    _forbid(by)
    today = timezone.localdate()
    if kind is None:
        _refuse(_("Choose an honour kind."), "kind_required")
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= today.year:
        _refuse(_("The year is from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": today.year},
                "year_invalid")
    if kind.nominee == NomineeKind.AFFILIATE and affiliate_unit is None:
        _refuse(_("“%(kind)s” is given to an affiliate unit: choose one.") % {"kind": kind.name},
                "affiliate_unit_required")
    if kind.nominee != NomineeKind.AFFILIATE and affiliate_unit is not None:
        _refuse(_("“%(kind)s” is not given to affiliate units.") % {"kind": kind.name}, "affiliate_unit_not_allowed")
    if affiliate_unit is not None:
        organization = affiliate_unit.organization
    if organization is None:
        _refuse(_("Choose the organisation."), "organization_required")
    if kind.nominee == NomineeKind.MEMBER and member is None:
        _refuse(_("“%(kind)s” is given to a member: choose one.") % {"kind": kind.name}, "member_required")
    if kind.nominee != NomineeKind.MEMBER and member is not None:
        _refuse(_("“%(kind)s” is given to an organisation, not a member.") % {"kind": kind.name}, "member_not_allowed")
    if member is not None and member.organization_id != organization.pk:
        _refuse(_("%(member)s is not a member of %(org)s.") % {"member": member.name, "org": organization.name},
                "member_elsewhere")
    commended_on = _check_date(commended_on or min(datetime.date(year, 12, 31), today))
    citation = _text(citation, code="citation", field=_("Citation"), limit=300, required=False)
    with transaction.atomic():
        kind = _lock_kind(kind)
        honour = Honour.objects.create(
            kind=kind, year=year, organization=organization, member=member, affiliate_unit=affiliate_unit,
            organization_name=organization.name, member_name=member.name if member else "",
            affiliate_unit_name=affiliate_unit.name if affiliate_unit else "", township=organization.township,
            sector=organization.sector,
            citation=citation, commended_on=commended_on, certificate_no=CertificateNumbers().next(kind, year),
            verify_token=_token(), created_by=by,
        )
        audit.record("honours.add", by=by, obj=honour, after=_honour_snapshot(honour))
    return honour


def revoke_honour(honour: Honour, *, by, reason: str) -> Honour:
    """Withdraw an honour, saying why: the roll no longer lists it and its certificate's
    verify page says it was revoked. Its number is never given again."""
    _forbid(by)
    reason = _text(reason, code="reason", field=_("Reason"), limit=300, required=True)
    with transaction.atomic():
        honour = Honour.objects.select_for_update().get(pk=honour.pk)
        if honour.revoked_at is not None:
            _refuse(_("The honour %(no)s is already revoked.") % {"no": honour.certificate_no}, "already_revoked")
        honour.revoked_at, honour.revoked_reason = timezone.now(), reason
        honour.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
        audit.record("honours.revoke", by=by, obj=honour, before={"revoked_at": None},
                     after={"revoked_at": honour.revoked_at, "revoked_reason": reason})
    return honour
