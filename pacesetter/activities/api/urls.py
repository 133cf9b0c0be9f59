"""/api/v1/ endpoints of activities (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import ActivityViewSet, AttendanceViewSet

router = SimpleRouter()
router.register("activities", ActivityViewSet, basename="activity")
router.register("activity-attendance", AttendanceViewSet, basename="activity-attendance")

urlpatterns = router.urls
