"""/api/v1/ endpoints of on-site observation meetings (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import MeetingViewSet, ObserverViewSet, SiteViewSet

router = SimpleRouter()
router.register("site-visits/meetings", MeetingViewSet, basename="site-visit-meeting")
router.register("site-visits/sites", SiteViewSet, basename="site-visit-site")
router.register("site-visits/observers", ObserverViewSet, basename="site-visit-observer")

urlpatterns = router.urls
