"""/api/v1/ endpoints of the photo exhibition (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import PhotoViewSet, ThemeViewSet

router = SimpleRouter()
router.register("exhibition-photos", PhotoViewSet, basename="exhibition-photo")
router.register("exhibition-themes", ThemeViewSet, basename="exhibition-theme")

urlpatterns = router.urls
