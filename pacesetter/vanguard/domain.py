"""Every write of vanguard projects: one function each, in its own transaction, with its
audit entry. Each checks the acting user with the rules predicates first; a refusal of the
input names the field it concerns (the forms and the API show it there)."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import check_upload
from pacesetter.orgs.models import Member, Organization

from . import rules as v_rules
from .enums import TRANSITIONS, Measure, ProjectState, Rating, VanguardKind
from .models import Evidence, ProgressUpdate, Project, ResultLine, Review

MAX_AMOUNT = Decimal("999999999999.99")
MAX_CO_OWNERS = 20
#: Evidence files a project may hold in all (setting VANGUARD_MAX_EVIDENCE).
MAX_EVIDENCE = 20
PROJECT_FIELDS = ["kind", "title", "organization", "lead", "goals", "starts_on", "ends_on"]


def refuse(field: str, message: str, code: str):
    raise DomainError({field: [DomainError(message, code=code)]})


def forbid(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDeniedError(message or _("You may not change this vanguard project."), code="forbidden")


def _text(value, *, field: str, label: str, limit: int, required: bool = True) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(field, _("%(field)s is required.") % {"field": label}, "required")
    if len(value) > limit:
        refuse(field, _("%(field)s is longer than %(limit)d characters.") % {"field": label, "limit": limit},
               "too_long")
    return value


def _day(value, *, field: str, label: str, past: bool = False) -> datetime.date:
    if not isinstance(value, datetime.date):
        refuse(field, _("%(field)s is required.") % {"field": label}, "required")
    if past and value > timezone.localdate():
        refuse(field, _("%(field)s cannot be in the future.") % {"field": label}, "future")
    return value


def _owner(member, organization: Organization, *, field: str) -> Member:
    if not isinstance(member, Member):
        refuse(field, _("Choose a party member."), "required")
    if not member.organization.path.startswith(organization.path):
        refuse(field, _("%(member)s is not a member of %(org)s or an organisation under it.")
               % {"member": member, "org": organization}, "outside")
    return member


def _project_fields(organization, *, kind, title, lead, co_owners: Iterable, goals, starts_on, ends_on):
    if not isinstance(organization, Organization) or not organization.is_active:
        refuse("organization", _("Choose an active organisation."), "organization")
    if kind not in VanguardKind.values:
        refuse("kind", _("Choose a kind of project."), "kind")
    lead = _owner(lead, organization, field="lead")
    others = list(dict.fromkeys(co_owners))
    if len(others) > MAX_CO_OWNERS:
        refuse("co_owners", _("At most %(n)d other owners.") % {"n": MAX_CO_OWNERS}, "co_owners")
    for member in others:
        _owner(member, organization, field="co_owners")
    starts_on = _day(starts_on, field="starts_on", label=_("Start"))
    ends_on = _day(ends_on, field="ends_on", label=_("End"))
    if ends_on < starts_on:
        refuse("ends_on", _("The project cannot end before it starts."), "period")
    values = {"kind": kind, "title": _text(title, field="title", label=_("Title"), limit=200),
              "organization": organization, "lead": lead,
              "goals": _text(goals, field="goals", label=_("Goals"), limit=4000),
              "starts_on": starts_on, "ends_on": ends_on}
    return values, [m for m in others if m.pk != lead.pk]


def _owners_snapshot(project: Project) -> dict:
    return {**audit.snapshot(project, PROJECT_FIELDS),
            "co_owners": sorted(project.co_owners.values_list("code", flat=True))}


@transaction.atomic
def create_project(organization: Organization, *, by, kind: str, title: str, lead: Member,
                   co_owners: Iterable[Member] = (), goals: str, starts_on: datetime.date,
                   ends_on: datetime.date) -> Project:
    """A new project of an organisation in the user's subtree, planned until it is started."""
    forbid(v_rules.can_create_project(by))
    values, others = _project_fields(organization, kind=kind, title=title, lead=lead, co_owners=co_owners,
                                     goals=goals, starts_on=starts_on, ends_on=ends_on)
    forbid(v_rules.can_edit_project(by, Project(organization=organization)),
           _("You may only create projects of organisations you manage."))
    project = Project.objects.create(created_by=by, **values)
    project.co_owners.set(others)
    audit.record("vanguard.project.create", by=by, obj=project, after=_owners_snapshot(project))
    return project


@transaction.atomic
def update_project(project: Project, *, by, kind: str, title: str, lead: Member, co_owners: Iterable[Member] = (),
                   goals: str, starts_on: datetime.date, ends_on: datetime.date) -> Project:
    """Change a project's details; its organisation stays."""
    forbid(v_rules.can_edit_project(by, project))
    values, others = _project_fields(project.organization, kind=kind, title=title, lead=lead, co_owners=co_owners,
                                     goals=goals, starts_on=starts_on, ends_on=ends_on)
    before = _owners_snapshot(project)
    for name, value in values.items():
        setattr(project, name, value)
    project.save(update_fields=[*values, "updated_at"])
    project.co_owners.set(others)
    audit.record("vanguard.project.update", by=by, obj=project, before=before, after=_owners_snapshot(project))
    return project


@transaction.atomic
def change_state(project: Project, *, by, state: str) -> Project:
    """planned → running → completed, or abandoned on the way; a finished project keeps its day."""
    forbid(v_rules.can_edit_project(by, project))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if state not in TRANSITIONS.get(locked.state, ()):
        refuse("state", _("A %(from)s project cannot become %(to)s.") % {
            "from": ProjectState(locked.state).label,
            "to": ProjectState(state).label if state in ProjectState.values else state}, "state")
    before = audit.snapshot(locked, ["state", "finished_on"])
    project.state = state
    project.finished_on = timezone.localdate() if state in (ProjectState.COMPLETED, ProjectState.ABANDONED) else None
    project.save(update_fields=["state", "finished_on", "updated_at"])
    audit.record("vanguard.project.state", by=by, obj=project, before=before,
                 after=audit.snapshot(project, ["state", "finished_on"]))
    return project


@transaction.atomic
def log_progress(project: Project, *, by, date: datetime.date, text: str, percent: int) -> ProgressUpdate:
    """A progress update of a running project, by its admins or its owners. Progress does
    not go back: the percent is at least that of the latest earlier update."""
    forbid(v_rules.can_log_progress(by, project), _("Only the project's owners and admins log its progress."))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.state != ProjectState.RUNNING:
        refuse("date", _("Progress is logged while the project is running."), "not_running")
    date = _day(date, field="date", label=_("Date"), past=True)
    if date < locked.starts_on:
        refuse("date", _("The date lies before the project starts."), "before_start")
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        refuse("percent", _("Percent done is a whole number from 0 to 100."), "percent")
    earlier = locked.progress.filter(date__lte=date).order_by("-date", "-id").values_list("percent", flat=True).first()
    if earlier is not None and percent < earlier:
        refuse("percent", _("Progress does not go back: the update before this day says %(n)d%%.") % {"n": earlier},
               "percent_back")
    update = ProgressUpdate.objects.create(project=locked, date=date, percent=percent, recorded_by=by,
                                           text=_text(text, field="text", label=_("What was done"), limit=2000))
    audit.record("vanguard.progress.add", by=by, obj=update,
                 after=audit.snapshot(update, ["project", "date", "text", "percent"]))
    return update


def _amount(value, measure: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    whole = measure != Measure.MONEY_SAVED
    if (not amount.is_finite() or not Decimal(0) < amount <= MAX_AMOUNT
            or (whole and amount != amount.to_integral_value())):
        message = (_("The amount is a whole number greater than 0.") if whole
                   else _("The amount is in yuan, greater than 0, with at most two decimals."))
        refuse("amount", message, "amount")
    if amount != amount.quantize(Decimal("0.01")):
        refuse("amount", _("The amount is in yuan, greater than 0, with at most two decimals."), "amount")
    return amount.quantize(Decimal("0.01"))


def _open_for_results(project: Project) -> None:
    if project.state not in (ProjectState.RUNNING, ProjectState.COMPLETED):
        refuse("measure", _("Results are recorded for running and completed projects."), "closed")
    if Review.objects.filter(project=project).exists():
        refuse("measure", _("The project is reviewed: its results stay as they were reviewed."), "reviewed")


@transaction.atomic
def add_result(project: Project, *, by, measure: str, amount, note: str = "") -> ResultLine:
    """A measurable result (problems solved, yuan saved, people served…) of the project."""
    forbid(v_rules.can_edit_project(by, project))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if measure not in Measure.values:
        refuse("measure", _("Choose what the result counts."), "measure")
    _open_for_results(locked)
    line = ResultLine.objects.create(project=locked, measure=measure, amount=_amount(amount, measure),
                                     note=_text(note, field="note", label=_("Note"), limit=200, required=False),
                                     recorded_by=by)
    audit.record("vanguard.result.add", by=by, obj=line,
                 after=audit.snapshot(line, ["project", "measure", "amount", "note"]))
    return line


def add_evidence(project: Project, *, by, files: Sequence) -> list[Evidence]:
    """Photos (re-encoded, no EXIF) and documents of the project, checked before anything is written."""
    forbid(v_rules.can_edit_project(by, project))
    if not files:
        refuse("files", _("Choose at least one file."), "files")
    limit = getattr(settings, "VANGUARD_MAX_EVIDENCE", MAX_EVIDENCE)
    checked = []
    for upload in files:
        try:
            checked.append(check_upload(upload))
        except DomainError as error:
            raise DomainError({"files": error.messages}) from error
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.evidence.count() + len(checked) > limit:
            refuse("files", _("A project holds at most %(n)d files.") % {"n": limit}, "files_many")
        stored = Evidence.store(checked, project=locked, uploaded_by=by)
        audit.record("vanguard.evidence.add", by=by, obj=locked,
                     after={"files": [{"name": c.original_name, "sha256": c.sha256} for c in checked]})
    return stored


@transaction.atomic
def review_project(project: Project, *, by, rating: str, comment: str = "") -> Review:
    """The superior organisation's rating of a completed project; reviewing again replaces it."""
    forbid(v_rules.can_review_project(by, project),
           _("A project is reviewed by a county admin or an admin of an organisation above its own."))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.state != ProjectState.COMPLETED:
        refuse("rating", _("Only completed projects are reviewed."), "not_completed")
    if rating not in Rating.values:
        refuse("rating", _("Choose a rating."), "rating")
    comment = _text(comment, field="comment", label=_("Comment"), limit=2000, required=False)
    review = Review.objects.filter(project=locked).first()
    before = None if review is None else audit.snapshot(review, ["rating", "comment", "reviewed_on", "reviewed_by"])
    review = review or Review(project=locked)
    review.rating, review.comment, review.reviewed_on, review.reviewed_by = (rating, comment, timezone.localdate(), by)
    review.save()
    audit.record("vanguard.project.review", by=by, obj=review, before=before,
                 after=audit.snapshot(review, ["project", "rating", "comment", "reviewed_on", "reviewed_by"]))
    return review
