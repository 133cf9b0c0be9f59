"""/api/v1/ endpoints of doublelead (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import (
    DoubleLeadMemberViewSet,
    EnterpriseViewSet,
    FiguresViewSet,
    HouseholdViewSet,
    StatisticsViewSet,
    TrainingViewSet,
)

router = SimpleRouter()
router.register("double-lead-members", DoubleLeadMemberViewSet, basename="double-lead-member")
router.register("double-lead-enterprises", EnterpriseViewSet, basename="double-lead-enterprise")
router.register("double-lead-households", HouseholdViewSet, basename="double-lead-household")
router.register("double-lead-figures", FiguresViewSet, basename="double-lead-figures")
router.register("double-lead-trainings", TrainingViewSet, basename="double-lead-training")
router.register("double-lead-statistics", StatisticsViewSet, basename="double-lead-statistics")

urlpatterns = router.urls
