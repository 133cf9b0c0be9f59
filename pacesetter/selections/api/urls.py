"""/api/v1/ endpoints of selections (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import HonourKindViewSet, NominationViewSet, ObjectionViewSet, SelectionViewSet

router = SimpleRouter()
router.register("selections", SelectionViewSet, basename="selection")
router.register("nominations", NominationViewSet, basename="nomination")
router.register("selection-objections", ObjectionViewSet, basename="selection-objection")
router.register("honour-kinds", HonourKindViewSet, basename="honour-kind")

urlpatterns = router.urls
