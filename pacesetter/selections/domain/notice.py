"""The public notice (公示): objections from the public during the period, each answered
(upheld drops the nominee, dismissed keeps them), and finalising the list once the period
is over and every objection is answered."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit, ratelimit

from .. import rules as s_rules
from ..enums import NominationStatus, ObjectionState, SelectionState
from ..models import Nomination, Objection, Selection
from .common import forbid, locked, refuse, text
from .nominations import tell_nominators


def objections_per_hour() -> int:
    return settings.SELECTION_OBJECTIONS_PER_HOUR


def on_notice_today(selection: Selection) -> bool:
    today = timezone.localdate()
    return (selection.state == SelectionState.NOTICE and selection.notice_starts_on is not None
            and selection.notice_starts_on <= today <= selection.notice_ends_on)


def lodge_objection(nomination: Nomination, *, client_ip: str, text_: str, name: str = "",
                    contact: str = "") -> Objection:
    """An objection from the public against a shortlisted nominee, during the notice period
    only (its first and last day included). The address only feeds the rate limit."""
    body = text(text_, field=_("Objection"), limit=4000)
    name = text(name, field=_("Name"), limit=50, required=False)
    contact = text(contact, field=_("Contact"), limit=100, required=False)
    with transaction.atomic():
        selection = locked(nomination.selection)
        nomination = Nomination.objects.get(pk=nomination.pk)
        if not on_notice_today(selection):
            refuse(_("Objections are taken only during the notice period."), "period")
        if nomination.status != NominationStatus.SHORTLISTED:
            refuse(_("This nominee is not on the list on notice."), "status")
        if not ratelimit.take("selections.objection", client_ip or "unknown", limit=objections_per_hour(),
                              window_seconds=3600):
            refuse(_("Too many objections have come from your network in the last hour. Please try again later."),
                   "rate_limited")
        objection = Objection.objects.create(nomination=nomination, text=body, name=name, contact=contact)
        audit.record("selections.objection.lodge", by=None, obj=objection, object_repr=str(nomination),
                     after={"nomination": nomination.pk, "named": bool(name)})
    return objection


@transaction.atomic
def answer_objection(objection: Objection, *, by, upheld: bool, finding: str) -> Objection:
    """The county's finding. An upheld objection drops the nominee from the list."""
    forbid(s_rules.can_manage_selections(by), _("Only county admins answer objections."))
    finding = text(finding, field=_("Finding"), limit=4000)
    objection = Objection.objects.select_for_update(of=("self",)).select_related("nomination__selection").get(
        pk=objection.pk)
    selection = locked(objection.nomination.selection)
    if selection.state != SelectionState.NOTICE:
        refuse(_("Objections are answered while the list is on notice."), "state")
    if objection.state != ObjectionState.RECEIVED:
        refuse(_("This objection has been answered already."), "answered")
    objection.state = ObjectionState.UPHELD if upheld else ObjectionState.DISMISSED
    objection.answer, objection.answered_by, objection.answered_at = finding, by, timezone.now()
    objection.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    nomination = Nomination.objects.select_for_update().get(pk=objection.nomination_id)
    if upheld and nomination.status == NominationStatus.SHORTLISTED:
        nomination.status = NominationStatus.DROPPED
        nomination.save(update_fields=["status", "updated_at"])
        tell_nominators(nomination, key=f"selections.dropped:{nomination.pk}",
                        title=_("%(nominee)s was dropped from the list after an objection.") % {
                            "nominee": nomination}, body=finding)
    audit.record("selections.objection.answer", by=by, obj=objection, before={"state": ObjectionState.RECEIVED},
                 after={"state": objection.state, "finding": finding, "nomination_status": nomination.status})
    return objection


@transaction.atomic
def finalise_selection(selection: Selection, *, by) -> Selection:
    """After the notice period, with every objection answered: the remaining shortlisted
    nominees are confirmed and the list is final (ready for the commendation)."""
    forbid(s_rules.can_manage_selections(by), _("Only county admins run selections."))
    selection = locked(selection)
    if selection.state != SelectionState.NOTICE:
        refuse(_("Only a selection on public notice can be finalised."), "state")
    if timezone.localdate() <= selection.notice_ends_on:
        refuse(_("The notice period runs until %(day)s: nothing is final before it ends.") % {
            "day": selection.notice_ends_on}, "period")
    if Objection.objects.filter(nomination__selection=selection, state=ObjectionState.RECEIVED).exists():
        refuse(_("Answer every objection before finalising."), "open_objections")
    confirmed = list(selection.nominations.filter(status=NominationStatus.SHORTLISTED).select_related(
        "organization", "member"))
    selection.nominations.filter(status=NominationStatus.SHORTLISTED).update(status=NominationStatus.CONFIRMED,
                                                                             updated_at=timezone.now())
    before = selection.state
    selection.state = SelectionState.FINAL
    selection.save(update_fields=["state", "updated_at"])
    audit.record("selections.selection.final", by=by, obj=selection, before={"state": before},
                 after={"state": selection.state, "confirmed": [n.pk for n in confirmed]})
    for nomination in confirmed:
        tell_nominators(nomination, key=f"selections.confirmed:{nomination.pk}",
                        title=_("%(nominee)s is on the final list of %(title)s.") % {
                            "nominee": nomination, "title": selection.title})
    return selection
