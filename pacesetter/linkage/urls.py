"""Pages of linkage, under /linkage/ (namespace "linkage")."""
from django.urls import path

from .views import activities, coverage, units

app_name = "linkage"

urlpatterns = [
    path("", units.UnitList.as_view(), name="unit-list"),
    path("export.xlsx", units.UnitExport.as_view(), name="unit-export"),
    path("units/new/", units.UnitNew.as_view(), name="unit-new"),
    path("units/<int:pk>/", units.UnitDetail.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", units.UnitEdit.as_view(), name="unit-edit"),
    path("units/<int:pk>/honours/new/", units.HonourNew.as_view(), name="honour-new"),
    path("units/<int:pk>/activities/new/", activities.ActivityNew.as_view(), name="activity-new"),
    path("honours/<int:pk>/edit/", units.HonourEdit.as_view(), name="honour-edit"),
    path("activities/", activities.ActivityList.as_view(), name="activity-list"),
    path("activities/<int:pk>/", activities.ActivityDetail.as_view(), name="activity-detail"),
    path("activities/<int:pk>/edit/", activities.ActivityEdit.as_view(), name="activity-edit"),
    path("photos/<int:pk>/", activities.PhotoFile, name="photo"),
    path("photos/<int:pk>/thumbnail/", activities.PhotoThumbnail, name="photo-thumbnail"),
    path("coverage/", coverage.Coverage.as_view(), name="coverage"),
    path("coverage/export.xlsx", coverage.CoverageExport.as_view(), name="coverage-export"),
]
