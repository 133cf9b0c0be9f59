"""QR sign-in: the organiser's projector screen with its code, the small JSON endpoint it
polls for a fresh one, and the member's sign-in page the code leads to."""
from __future__ import annotations

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views import View

from pacesetter.core import ratelimit
from pacesetter.core.errors import PermissionDeniedError

from .. import codes, domain
from ..enums import ActivityState, AttendanceStatus
from ..models import Activity, SpentCode
from .common import ActivitiesMixin, RunActivityPage

#: A code with less time left than this is replaced on the screen, so a member scanning it
#: has the rest of its life to log in and confirm.
REFRESH_MARGIN_SECONDS = 20
DEFAULT_RATE_LIMIT = 10
DEFAULT_RATE_WINDOW = 60


def signin_url(request, activity: Activity, code: str) -> str:
    path = reverse("activities:signin", args=[activity.pk])
    return request.build_absolute_uri(f"{path}?{urlencode({'code': code})}")


def _qr(url: str):
    # segno's inline SVG: a <path> with a stroke attribute, no style attribute (the CSP forbids those).
    return mark_safe(  # nosec B308, B703 # segno's SVG of a URL we built, no user-supplied markup
        segno.make(url, error="m").svg_inline(omitsize=True, border=2, svgclass="signin-qr"))


def screen(request, activity: Activity, current: str = "") -> dict:
    """What the projector shows: the current code while it is unspent and has time left,
    else a fresh one; its URL and QR; the count of members present."""
    code = None
    try:
        checked = codes.read(current, activity_id=activity.pk)
    except ValidationError:
        checked = None
    if (checked is not None and codes.seconds_left(checked) > REFRESH_MARGIN_SECONDS
            and not SpentCode.objects.filter(nonce=checked.nonce).exists()):
        code = current
    code = code or codes.issue(activity.pk)
    url = signin_url(request, activity, code)
    present = activity.attendances.filter(status=AttendanceStatus.PRESENT).count()
    return {"code": code, "url": url, "svg": _qr(url), "present": present}


def _open(activity: Activity) -> bool:
    return activity.state != ActivityState.CANCELLED and activity.day == timezone.localdate()


class Projector(RunActivityPage, View):
    """The sign-in screen an organiser puts on the projector on the day of the activity."""

    template_name = "activities/signin/projector.html"

    def get(self, request, pk):
        ctx = {"activity": self.activity, "open": _open(self.activity)}
        if ctx["open"]:
            ctx.update(screen(request, self.activity),
                       poll_url=reverse("activities:projector-code", args=[self.activity.pk]))
        return render(request, self.template_name, ctx, status=200 if ctx["open"] else 409)


class ProjectorCode(RunActivityPage, View):
    """GET ?current=<code>: the code to show now, as JSON, for the projector's script."""

    def get(self, request, pk):
        if not _open(self.activity):
            return JsonResponse({"open": False}, status=409)
        data = screen(request, self.activity, request.GET.get("current", ""))
        return JsonResponse({"open": True, "code": data["code"], "url": data["url"], "svg": str(data["svg"]),
                             "present": data["present"]}, headers={"Cache-Control": "no-store"})


def rate_ok(user) -> bool:
    """At most ACTIVITY_SIGNIN_RATE_LIMIT sign-in attempts a user in
    ACTIVITY_SIGNIN_RATE_WINDOW seconds (defaults 10 in 60)."""
    return ratelimit.take("activities.signin", str(user.pk),
                          limit=int(getattr(settings, "ACTIVITY_SIGNIN_RATE_LIMIT", DEFAULT_RATE_LIMIT)),
                          window_seconds=int(getattr(settings, "ACTIVITY_SIGNIN_RATE_WINDOW", DEFAULT_RATE_WINDOW)))


class SignIn(ActivitiesMixin, View):
    """Where the QR code leads: the member logs in if needed, sees the activity and confirms.

    The activity is found by its id, not through the user's view: the signed code is what
    lets a member in, and nothing of the activity is shown until the code and the member
    have passed domain.check_sign_in. An id with no activity is refused like a wrong code
    (the code is read first either way), so the page does not tell which ids exist."""

    template_name = "activities/signin/member.html"

    def load(self, request, pk, **kwargs):
        self.activity = Activity.objects.select_related("organization").filter(pk=pk).first()

    def _missing(self, request, pk, code: str):
        """The answer for an id with no activity: the code's own refusal, or 404 for a code
        that is valid for it (the activity was deleted after the code was shown)."""
        try:
            codes.read(code, activity_id=pk)
        except ValidationError as error:
            return self._refused(request, error)
        raise Http404

    def _refused(self, request, error: ValidationError):
        status = 403 if isinstance(error, PermissionDeniedError) else 400
        return render(request, self.template_name, {"error": error.messages[0]}, status=status)

    def get(self, request, pk):
        code = request.GET.get("code", "")
        if self.activity is None:
            return self._missing(request, pk, code)
        try:
            _checked, member = domain.check_sign_in(self.activity, by=request.user, code=code)
        except ValidationError as error:
            return self._refused(request, error)
        return render(request, self.template_name, {"activity": self.activity, "member": member, "code": code})

    def post(self, request, pk):
        if not rate_ok(request.user):
            return render(request, self.template_name, {"limited": True}, status=429)
        if self.activity is None:
            return self._missing(request, pk, request.POST.get("code", ""))
        try:
            attendance = domain.sign_in(self.activity, by=request.user, code=request.POST.get("code", ""))
        except ValidationError as error:
            return self._refused(request, error)
        return render(request, self.template_name, {"activity": self.activity, "attendance": attendance})
