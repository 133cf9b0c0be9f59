import datetime
import hashlib
import sys
import time

from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from pacesetter.core.dbrouter import dashboard_reads
from pacesetter.core.public_limits import public_rate_limit
from pacesetter.orgs import queries as org_queries
from pacesetter.orgs.enums import Gender, MemberStatus, OrgLevel, Sector


@never_cache
def server_error(request):
    """handler500: an unreachable database or Redis is a 503 with its clear page, wherever it was
    raised (middleware included); any other error is Django's plain 500 (DRF's JSON one under /api/)."""
    from django.views.defaults import server_error as plain_server_error
    from rest_framework.exceptions import server_error as api_server_error

    from pacesetter.core.middleware import is_api_request, unavailable_cause, unavailable_response

    if cause := unavailable_cause(sys.exc_info()[1]):
        return unavailable_response(request, cause)
    return api_server_error(request) if is_api_request(request) else plain_server_error(request)


def not_found(request, exception):
    """handler404: under /api/ (a path no endpoint has, say) the API's JSON answer, else the page."""
    from django.views.defaults import page_not_found

    from pacesetter.core.middleware import is_api_request

    if is_api_request(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public_rate_limit("login")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        return form


def _series(counts: dict, choices, *, url=None) -> dict:
    """Labels and values in the order of `choices` (every choice, zeros too), for charts.js."""
    keys = [key for key, _label in choices]
    data = {"labels": [str(label) for _key, label in choices], "values": [counts.get(key, 0) for key in keys]}
    if url is not None:
        data["urls"] = [url(key) for key in keys]
    return data


def _filtered(url_name: str, param: str, **extra):
    base = reverse(url_name)
    return lambda key: f"{base}?{urlencode({param: key, **extra})}"


#: Figures that took longer than this to count are kept in the cache for FIGURES_CACHE_SECONDS.
SLOW_FIGURES_SECONDS = 0.5
FIGURES_CACHE_SECONDS = 300


def _dashboard_figures(user) -> tuple[dict, datetime.datetime | None]:
    """The dashboard's counts, and when they were counted if they come from the cache.

    A county's figures take tens of milliseconds and are always live. A province-wide view
    (millions of members) takes seconds: those figures are cached per visible scope for a
    few minutes, and the page says how old they are.
    """
    paths = org_queries.visible_paths(user)
    today = timezone.localdate()
    key = "home-figures:" + hashlib.sha256(repr((paths, today.isoformat())).encode()).hexdigest()
    if cached := cache.get(key):
        return cached["figures"], cached["at"]
    started = time.perf_counter()
    figures = org_queries.dashboard(user, today=today)
    if time.perf_counter() - started > SLOW_FIGURES_SECONDS:
        cache.set(key, {"figures": figures, "at": timezone.now()}, FIGURES_CACHE_SECONDS)
    return figures, None


@dashboard_reads  # reads from the replica when there is one (core.dbrouter)
class Home(LoginRequiredMixin, TemplateView):
    """The dashboard: where the organisations and members of the user's view stand."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        figures, counted_at = _dashboard_figures(self.request.user)
        ctx["figures_counted_at"] = counted_at
        ctx.update(org_queries.recent_changes(self.request.user))
        age_labels = {
            "under_30": _("under 30"),
            "30_39": _("30–39"),
            "40_49": _("40–49"),
            "50_59": _("50–59"),
            "60_over": _("60 and over"),
        }
        age_choices = [(key, age_labels[key]) for key, _low, _high in org_queries.AGE_BANDS]
        if figures["members_by_age_band"].get("unknown"):
            age_choices.append(("unknown", _("not recorded")))
        decades = sorted(d for d in figures["members_by_join_decade"] if d is not None)
        decade_choices = [
            (d, _("before %(year)d") % {"year": d + 10})
            if d == org_queries.FIRST_JOIN_DECADE
            else (d, _("%(decade)ds") % {"decade": d})
            for d in decades
        ]
        if None in figures["members_by_join_decade"]:
            decade_choices.append((None, _("not recorded")))
        org_list = "orgs:organization-list"
        charts = {
            "sectors": _series(
                figures["orgs_by_sector"], Sector.choices, url=_filtered(org_list, "sector", status="active")
            ),
            "levels": _series(
                figures["orgs_by_level"], OrgLevel.choices, url=_filtered(org_list, "level", status="active")
            ),
            "status": _series(
                figures["members_by_status"], MemberStatus.choices, url=_filtered("orgs:member-list", "status")
            ),
            "gender": _series(
                figures["members_by_gender"], Gender.choices, url=_filtered("orgs:member-list", "gender")
            ),
            "age": _series(figures["members_by_age_band"], age_choices),
            "join": _series(figures["members_by_join_decade"], decade_choices),
        }
        ctx.update(figures)
        ctx["charts"] = charts
        ctx["tables"] = {name: list(zip(data["labels"], data["values"])) for name, data in charts.items()}
        ctx["probationary_members"] = figures["members_by_status"].get(MemberStatus.PROBATIONARY, 0)
        ctx["branch_total"] = figures["orgs_by_level"].get(OrgLevel.BRANCH, 0)
        return ctx
