"""See urls.py: one URL list per area, joined under the `commitments:` namespace."""
from django.urls import path

from .views import dashboard

urlpatterns = [
    path("dashboard/", dashboard.Dashboard.as_view(), name="dashboard"),
    path("dashboard/export.xlsx", dashboard.DashboardExport.as_view(), name="dashboard-export"),
]
