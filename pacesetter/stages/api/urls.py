"""/api/v1/ endpoints of stages (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import StageStatusViewSet, StageTaskViewSet, StageViewSet

router = SimpleRouter()
router.register("campaign-stages", StageViewSet, basename="campaign-stage")
router.register("campaign-stage-tasks", StageTaskViewSet, basename="campaign-stage-task")
router.register("campaign-stage-statuses", StageStatusViewSet, basename="campaign-stage-status")

urlpatterns = router.urls
