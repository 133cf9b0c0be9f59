"""/api/v1/ endpoints of linkage (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import (
    AffiliateCoverageView,
    AffiliateHonourViewSet,
    AffiliateUnitViewSet,
    JointActivityViewSet,
)

router = SimpleRouter()
router.register("affiliate-units", AffiliateUnitViewSet, basename="affiliate-unit")
router.register("affiliate-honours", AffiliateHonourViewSet, basename="affiliate-honour")
router.register("joint-activities", JointActivityViewSet, basename="joint-activity")
router.register("affiliate-coverage", AffiliateCoverageView, basename="affiliate-coverage")

urlpatterns = router.urls
