"""/api/v1/: organisations, members and leaders (by code), the user, the schema and its docs."""
from django.urls import include, path
from rest_framework.routers import SimpleRouter

from pacesetter.campaigns.api import CampaignViewSet
from pacesetter.evaluation.api import views as evaluation
from pacesetter.notifications.api import NotificationViewSet

from . import views

app_name = "api"

# SimpleRouter: no format-suffix routes, which would clash with codes that contain dots.
router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("members", views.MemberViewSet, basename="member")
router.register("leaders", views.LeaderViewSet, basename="leader")
router.register("evaluation/schemes", evaluation.SchemeViewSet, basename="evaluation-scheme")
router.register("evaluation/rounds", evaluation.RoundViewSet, basename="evaluation-round")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    path("evaluation/ballots/", evaluation.BallotView.as_view(), name="evaluation-ballot"),
    *router.urls,
    path("", include("pacesetter.commitments.api.urls")),
    path("", include("pacesetter.accountability.api.urls")),
    path("", include("pacesetter.comparisons.api.urls")),
    path("", include("pacesetter.exhibition.api.urls")),
    path("", include("pacesetter.seminars.api.urls")),
    path("", include("pacesetter.sitevisits.api.urls")),
    path("", include("pacesetter.selections.api.urls")),
    path("", include("pacesetter.honours.api.urls")),
    path("", include("pacesetter.pairing.api.urls")),
    path("", include("pacesetter.linkage.api.urls")),
    path("", include("pacesetter.doublelead.api.urls")),
    path("", include("pacesetter.nonpublic.api.urls")),
    path("", include("pacesetter.vanguard.api.urls")),
    path("", include("pacesetter.activities.api.urls")),
    path("", include("pacesetter.stages.api.urls")),
    path("", include("pacesetter.jobs.api")),
]
