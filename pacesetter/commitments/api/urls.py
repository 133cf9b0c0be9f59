"""/api/v1/commitments/: pledges, items, feedback and the dashboard's figures (included by
pacesetter/api/urls.py into the `api` namespace)."""
from django.urls import path
from rest_framework.routers import Route, SimpleRouter

from . import dashboard, views


class ReadAndActRouter(SimpleRouter):
    """No POST on the list: items are added through their pledge, feedback comes from the
    public notice board."""

    routes = [
        route._replace(mapping={m: a for m, a in route.mapping.items() if a != "create"})
        if isinstance(route, Route) else route
        for route in SimpleRouter.routes
    ]


children = ReadAndActRouter()
children.register("commitments/items", views.ItemViewSet, basename="commitment-item")
children.register("commitments/feedback", views.FeedbackViewSet, basename="commitment-feedback")
router = SimpleRouter()
router.register("commitments", views.CommitmentViewSet, basename="commitment")

urlpatterns = [
    path("commitments/dashboard/", dashboard.DashboardView.as_view(), name="commitment-dashboard"),
    path("commitments/dashboard/overdue/", dashboard.OverdueView.as_view(), name="commitment-dashboard-overdue"),
    *children.urls,
    *router.urls,
]
