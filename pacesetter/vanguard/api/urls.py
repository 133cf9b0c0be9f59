"""/api/v1/ endpoints of vanguard (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import (
    VanguardProgressViewSet,
    VanguardProjectViewSet,
    VanguardResultViewSet,
    VanguardReviewViewSet,
)

router = SimpleRouter()
router.register("vanguard-projects", VanguardProjectViewSet, basename="vanguard-project")
router.register("vanguard-progress", VanguardProgressViewSet, basename="vanguard-progress")
router.register("vanguard-results", VanguardResultViewSet, basename="vanguard-result")
router.register("vanguard-reviews", VanguardReviewViewSet, basename="vanguard-review")

urlpatterns = router.urls
