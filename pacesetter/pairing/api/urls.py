"""/api/v1/ endpoints of pairing (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .recommendations import PairingEffectView, RecommendationRunViewSet
from .views import PairingViewSet

router = SimpleRouter()
router.register("pairings", PairingViewSet, basename="pairing")
router.register("pairing-recommendations", RecommendationRunViewSet, basename="pairing-recommendation")
router.register("pairing-effect", PairingEffectView, basename="pairing-effect")

urlpatterns = router.urls
