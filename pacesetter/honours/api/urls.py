"""/api/v1/ endpoints of honours (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import HonourViewSet

router = SimpleRouter()
router.register("honours", HonourViewSet, basename="honour")

urlpatterns = router.urls
