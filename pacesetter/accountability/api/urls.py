"""/api/v1/: key tasks, progress reports, the escalation ladder, supervision notices and
accountability cases (included by pacesetter/api/urls.py into the `api` namespace)."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import cases, tasks

# SimpleRouter: no format-suffix routes, which would clash with codes that contain dots.
router = SimpleRouter()
router.register("key-tasks", tasks.KeyTaskViewSet, basename="key-task")
router.register("progress-reports", tasks.ProgressReportViewSet, basename="progress-report")
router.register("supervision-notices", cases.SupervisionNoticeViewSet, basename="supervision-notice")
router.register("accountability-cases/sanctions", cases.CaseSanctionViewSet, basename="accountability-sanction")
router.register("accountability-cases", cases.AccountabilityCaseViewSet, basename="accountability-case")

urlpatterns = [
    path("escalation-ladder/", cases.EscalationLadderView.as_view(), name="escalation-ladder"),
    *router.urls,
]
