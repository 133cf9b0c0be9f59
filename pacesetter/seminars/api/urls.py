"""/api/v1/ endpoints of theory seminars (included by pacesetter/api/urls.py into the `api` namespace)."""
from rest_framework.routers import SimpleRouter

from .views import PaperViewSet, ReviewViewSet, SeminarViewSet

router = SimpleRouter()
router.register("seminars", SeminarViewSet, basename="seminar")
router.register("seminar-papers", PaperViewSet, basename="seminar-paper")
router.register("seminar-reviews", ReviewViewSet, basename="seminar-review")

urlpatterns = router.urls
