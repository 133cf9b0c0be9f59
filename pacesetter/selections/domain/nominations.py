"""Nominations: put forward with the statement of deeds and evidence (the record taken and
checked at that moment), withdrawn while nominations are open, and reviewed by the
township and then the county, each decision with its reason.

Ineligible nominations are kept, with the failing rules named, but the county cannot
approve them: the nominating organisation sees why, and the county sees who was put
forward. Nominations from the county or units right below it skip the township review."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.uploads import check_upload
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.notifications.domain import notify
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Organization, RoleAssignment
from pacesetter.orgs.queries import role_assignments

from .. import rules as s_rules
from ..eligibility import check, take_record
from ..enums import NominationStatus, NomineeKind, ReviewDecision, ReviewLevel, SelectionState
from ..models import Nomination, NominationEvidence, NominationReview, Selection
from .common import forbid, locked, locked_nomination, refuse, text

MAX_EVIDENCE = 10


def _nominating_org(user, organization: Organization) -> Organization:
    """The organisation the user nominates for: the nearest of their editing organisations
    at or above the nominee's (the county root for a superuser)."""
    covering = [a.organization for a in role_assignments(user)
                if a.role in (Role.ORG_ADMIN, Role.COUNTY_ADMIN) and organization.path.startswith(a.organization.path)]
    if covering:
        return max(covering, key=lambda org: len(org.path))
    return Organization.objects.get(path=organization.path[:Organization.steplen])


def _nominee(selection: Selection, organization: Organization | None, member, affiliate_unit):
    """The organisation the nomination is filed under, checked against the honour kind: a
    member's own organisation, an affiliate unit's party organisation."""
    given_to = selection.kind.nominee
    if given_to == NomineeKind.MEMBER and member is None:
        refuse(_("This honour is given to members: choose the member."), "member_required")
    if given_to != NomineeKind.MEMBER and member is not None:
        refuse(_("This honour is given to organisations: nominate the organisation."), "member_not_allowed")
    if given_to == NomineeKind.AFFILIATE and affiliate_unit is None:
        refuse(_("This honour is given to affiliate units: choose the unit."), "affiliate_unit_required")
    if given_to != NomineeKind.AFFILIATE and affiliate_unit is not None:
        refuse(_("This honour is not given to affiliate units."), "affiliate_unit_not_allowed")
    if member is not None:
        return member.organization
    if affiliate_unit is not None:
        wanted = selection.kind.affiliate_kind
        if wanted and affiliate_unit.kind != wanted:
            refuse(_("This honour is given to %(kind)s units only.") % {"kind": AffiliateKind(wanted).label},
                   "affiliate_unit_kind")
        if not affiliate_unit.active:
            refuse(_("%(unit)s is no longer active.") % {"unit": affiliate_unit.name}, "affiliate_unit_inactive")
        return affiliate_unit.organization
    return organization


def nominate(selection: Selection, *, by, organization: Organization | None = None, statement: str, member=None,
             affiliate_unit=None, files=()) -> Nomination:
    """Put forward an organisation (collective honour), one of its members (individual
    honour) or an affiliate unit linked to it; the record is taken now and the selection's
    rules checked on it. The nominee's organisation must lie in the nominator's subtree."""
    statement = text(statement, field=_("Deeds"), limit=8000)
    if len(files) > MAX_EVIDENCE:
        refuse(_("At most %(n)d evidence files.") % {"n": MAX_EVIDENCE}, "files")
    checked = [check_upload(f) for f in files]
    today = timezone.localdate()
    with transaction.atomic():
        selection = locked(selection)
        if selection.state != SelectionState.NOMINATING:
            refuse(_("Nominations are not open for this selection."), "state")
        if today > selection.nominations_close_on:
            refuse(_("Nominations closed on %(day)s.") % {"day": selection.nominations_close_on}, "closed")
        organization = _nominee(selection, organization, member, affiliate_unit)
        if organization is None:
            refuse(_("Choose the organisation."), "organization_required")
        forbid(s_rules.can_nominate_in(by, organization),
               _("Only the admins of the organisation or above it may nominate it or its members."))
        record = take_record(selection, organization, member, on=today, affiliate_unit=affiliate_unit)
        rows, eligible = check(selection.rules, record)
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    selection=selection, organization=organization, member=member, affiliate_unit=affiliate_unit,
                    statement=statement, nominated_by=_nominating_org(by, organization), record=record,
                    eligibility=rows, eligible=eligible, created_by=by)
        except IntegrityError:
            refuse(_("This nominee has been nominated for this selection already."), "duplicate")
        NominationEvidence.store(checked, nomination=nomination)
        audit.record("selections.nomination.create", by=by, obj=nomination,
                     after={"selection": selection.pk, "organization": organization.code,
                            "member": member.code if member else None,
                            "affiliate_unit": affiliate_unit.code if affiliate_unit else None, "eligible": eligible,
                            "evidence": [c.sha256 for c in checked]})
    return nomination


@transaction.atomic
def withdraw_nomination(nomination: Nomination, *, by) -> Nomination:
    nomination = locked_nomination(nomination)
    forbid(s_rules.can_withdraw(by, nomination), _("Only the nominating organisation's admins may withdraw it."))
    if nomination.selection.state != SelectionState.NOMINATING:
        refuse(_("A nomination can be withdrawn only while nominations are open."), "state")
    if nomination.status not in (NominationStatus.SUBMITTED, NominationStatus.TOWNSHIP_APPROVED):
        refuse(_("This nomination can no longer be withdrawn."), "status")
    before = nomination.status
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status", "updated_at"])
    audit.record("selections.nomination.withdraw", by=by, obj=nomination, before={"status": before},
                 after={"status": nomination.status})
    return nomination


def review_level(nomination: Nomination) -> str | None:
    """The level that reviews the nomination next, or None when no review is due."""
    if nomination.status == NominationStatus.SUBMITTED:
        township = s_rules.township_path(nomination.organization.path)
        return ReviewLevel.TOWNSHIP if township else ReviewLevel.COUNTY
    if nomination.status == NominationStatus.TOWNSHIP_APPROVED:
        return ReviewLevel.COUNTY
    return None


def may_review(user, nomination: Nomination) -> bool:
    level = review_level(nomination)
    if level == ReviewLevel.TOWNSHIP:
        return s_rules.can_review_township(user, nomination)
    return level == ReviewLevel.COUNTY and s_rules.can_manage_selections(user)


@transaction.atomic
def review_nomination(nomination: Nomination, *, by, decision: str, reason: str) -> NominationReview:
    """The township's or the county's decision, whichever is due, with its reason."""
    nomination = locked_nomination(nomination)
    if decision not in ReviewDecision.values:
        refuse(_("Choose approve or reject."), "decision")
    reason = text(reason, field=_("Reason"), limit=2000)
    level = review_level(nomination)
    if level is None:
        refuse(_("This nomination is not waiting for a review."), "status")
    forbid(may_review(by, nomination), _("This review is for the township's or the county's admins."))
    if nomination.selection.state not in (SelectionState.NOMINATING, SelectionState.REVIEWING):
        refuse(_("Reviews take place while nominations are open or under review."), "state")
    if level == ReviewLevel.COUNTY and decision == ReviewDecision.APPROVE and not nomination.eligible:
        refuse(_("An ineligible nomination cannot pass the county review."), "ineligible")
    review = NominationReview.objects.create(nomination=nomination, level=level, decision=decision, reason=reason,
                                             by=by)
    before = nomination.status
    if decision == ReviewDecision.REJECT:
        nomination.status = NominationStatus.REJECTED
    else:
        nomination.status = (NominationStatus.TOWNSHIP_APPROVED if level == ReviewLevel.TOWNSHIP
                             else NominationStatus.COUNTY_APPROVED)
    nomination.save(update_fields=["status", "updated_at"])
    audit.record("selections.nomination.review", by=by, obj=nomination, before={"status": before},
                 after={"status": nomination.status, "level": level, "decision": decision, "reason": reason})
    tell_nominators(nomination, key=f"selections.review:{review.pk}",
                    title=_("%(nominee)s: %(level)s review: %(decision)s") % {
                        "nominee": nomination, "level": ReviewLevel(level).label,
                        "decision": ReviewDecision(decision).label}, body=reason)
    return review


def tell_nominators(nomination: Nomination, *, key: str, title: str, body: str = "") -> None:
    """The nominating organisation's admins read it in their notifications (after the commit)."""
    users = list(RoleAssignment.objects.filter(
        organization_id=nomination.nominated_by_id, role__in=[Role.ORG_ADMIN, Role.COUNTY_ADMIN],
        user__is_active=True).values_list("user_id", flat=True))
    url = nomination.get_absolute_url()
    transaction.on_commit(lambda: notify(users, key=key, kind="selections", title=title, body=body, url=url))
