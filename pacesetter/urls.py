from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from pacesetter.core import views as core_views
from pacesetter.orgs.validators import CodeConverter

# Before the includes below import their URL patterns, which use it.
register_converter(CodeConverter, "code")

admin.site.site_header = _("Pacesetter: Strive for Excellence")
admin.site.site_title = _("Pacesetter")

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("pacesetter.api.urls")),
    path("orgs/", include("pacesetter.orgs.urls")),
    path("evaluation/", include("pacesetter.evaluation.urls")),
    path("campaigns/", include("pacesetter.campaigns.urls")),
    path("notifications/", include("pacesetter.notifications.urls")),
    path("commitments/", include("pacesetter.commitments.urls")),
    path("notice/", include("pacesetter.commitments.urls_public")),
    path("goals/", include("pacesetter.orgs.urls_goals")),
    path("", include("pacesetter.accountability.urls")),
    path("compare/", include("pacesetter.comparisons.urls")),
    path("exhibition/", include("pacesetter.exhibition.urls")),
    path("seminars/", include("pacesetter.seminars.urls")),
    path("observation/", include("pacesetter.sitevisits.urls")),
    path("selections/", include("pacesetter.selections.urls")),
    path("honours/", include("pacesetter.honours.urls")),
    path("pairings/", include("pacesetter.pairing.urls")),
    path("linkage/", include("pacesetter.linkage.urls")),
    path("double-lead/", include("pacesetter.doublelead.urls")),
    path("non-public/", include("pacesetter.nonpublic.urls")),
    path("vanguard/", include("pacesetter.vanguard.urls")),
    path("activities/", include("pacesetter.activities.urls")),
    path("stages/", include("pacesetter.stages.urls")),
    path("jobs/", include("pacesetter.jobs.urls")),
    path("v/", include("pacesetter.evaluation.urls_ballot")),
    path("s/", include("pacesetter.evaluation.urls_open")),
    path("", include("pacesetter.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# An unreachable database or Redis, even when a middleware meets it, answers 503, not 500.
handler500 = "pacesetter.core.views.server_error"
# Under /api/, a path no endpoint has answers the API's JSON 404, not the HTML page.
handler404 = "pacesetter.core.views.not_found"
