"""Writes of attendance: a member signing in with the code on the organiser's screen, and
the organiser marking attendance by hand."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import PermissionDeniedError
from pacesetter.orgs.models import Member

from .. import codes
from .. import rules as a_rules
from ..enums import ActivityState, AttendanceSource, AttendanceStatus
from ..models import Activity, Attendance, SpentCode
from ..queries import eligible_members, member_of
from .common import forbid, refuse, text

FIELDS = ("activity", "member", "status", "reason", "source")


def _eligible(activity: Activity, member: Member) -> bool:
    return eligible_members(activity).filter(pk=member.pk).exists()


def check_sign_in(activity: Activity, *, by, code: str) -> tuple[codes.Code, Member]:
    """The code and the member, when the user may sign in with the code (it is not spent
    here); else the refusal. The sign-in page asks this before showing its button."""
    checked = codes.read(code, activity_id=activity.pk)
    member = member_of(by)
    if member is None:
        raise PermissionDeniedError(_("Your login is not linked to a party member, so it cannot sign in."),
                                    code="not_member")
    if not _eligible(activity, member):
        raise PermissionDeniedError(
            _("%(member)s is not a member of %(org)s and was not invited to this activity.")
            % {"member": member.name, "org": activity.organization.name}, code="not_eligible")
    return checked, member


def sign_in(activity: Activity, *, by, code: str) -> Attendance:
    """Record the signed-in user's member as present, spending the code.

    Refused, each with its own message: a tampered, expired or another activity's code; a
    code already spent (its nonce is unique in SpentCode, so of two phones racing with one
    code only one wins); a login that is no party member; a member who is neither in the
    organisation (or below it) nor invited; an activity cancelled or not taking place today.
    """
    checked, member = check_sign_in(activity, by=by, code=code)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.state == ActivityState.CANCELLED:
            refuse(_("This activity was cancelled."), "state_cancelled")
        if activity.day != timezone.localdate():
            refuse(_("Sign-in is open only on the day of the activity."), "not_today")
        try:
            with transaction.atomic():
                SpentCode.objects.create(nonce=checked.nonce, activity=activity)
        except IntegrityError:
            refuse(_("This sign-in code has already been used. Scan the fresh code on the screen."), "code_used")
        attendance = Attendance.objects.select_for_update().filter(activity=activity, member=member).first()
        if attendance is not None and attendance.status == AttendanceStatus.PRESENT:
            refuse(_("You are already signed in to this activity."), "already_present")
        before = audit.snapshot(attendance, FIELDS) if attendance else None
        attendance, _created = Attendance.objects.update_or_create(
            activity=activity, member=member,
            defaults={"status": AttendanceStatus.PRESENT, "reason": "", "source": AttendanceSource.QR})
        audit.record("activities.attendance.sign_in", by=by, obj=attendance, before=before,
                     after=audit.snapshot(attendance, FIELDS))
    return attendance


def mark_attendance(activity: Activity, member: Member, *, by, status: str, reason: str = "") -> Attendance:
    """The organiser records a member as present, on leave (with the reason) or absent."""
    if status not in AttendanceStatus.values:
        refuse(_("Choose present, on leave or absent."), "status_invalid")
    reason = text(reason, field=_("Reason"), limit=200, required=status == AttendanceStatus.LEAVE)
    forbid(a_rules.can_run_activity(by, activity),
           _("Only county admins and the organisation's admins take attendance."))
    if not isinstance(member, Member) or not _eligible(activity, member):
        refuse(_("Only members of the organisation and invited members attend its activities."), "not_eligible")
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.state == ActivityState.CANCELLED:
            refuse(_("This activity was cancelled."), "state_cancelled")
        if activity.day > timezone.localdate():
            refuse(_("Attendance is taken on the day of the activity or after it."), "not_yet")
        attendance = Attendance.objects.select_for_update().filter(activity=activity, member=member).first()
        before = audit.snapshot(attendance, FIELDS) if attendance else None
        attendance, _created = Attendance.objects.update_or_create(
            activity=activity, member=member,
            defaults={"status": status, "reason": reason, "source": AttendanceSource.MANUAL})
        audit.record("activities.attendance.mark", by=by, obj=attendance, before=before,
                     after=audit.snapshot(attendance, FIELDS))
    return attendance
