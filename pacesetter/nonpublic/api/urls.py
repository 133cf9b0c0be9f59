"""/api/v1/ endpoints of nonpublic (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import (
    NonpublicCheckViewSet,
    NonpublicCoverageViewSet,
    NonpublicEntityViewSet,
    NonpublicPlanViewSet,
)

router = SimpleRouter()
router.register("nonpublic-entities", NonpublicEntityViewSet, basename="nonpublic-entity")
router.register("nonpublic-plans", NonpublicPlanViewSet, basename="nonpublic-plan")
router.register("nonpublic-checks", NonpublicCheckViewSet, basename="nonpublic-check")
router.register("nonpublic-coverage", NonpublicCoverageViewSet, basename="nonpublic-coverage")

urlpatterns = router.urls
