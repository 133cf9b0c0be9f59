"""/api/v1/ endpoints of pairing (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import PairingViewSet

router = SimpleRouter()
router.register("pairings", PairingViewSet, basename="pairing")

urlpatterns = router.urls
