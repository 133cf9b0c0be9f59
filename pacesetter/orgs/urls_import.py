"""Import pages: orgs:import, orgs:import-upload, orgs:import-template, orgs:import-report."""
from django.urls import path, re_path

from . import views_import

KIND = r"(?P<kind>organizations|members|leaders)"

urlpatterns = [
    path("import/", views_import.ImportIndex.as_view(), name="import"),
    re_path(rf"^import/{KIND}/$", views_import.ImportUpload.as_view(), name="import-upload"),
    re_path(rf"^import/{KIND}/template\.xlsx$", views_import.ImportTemplate.as_view(), name="import-template"),
    path("import/reports/<slug:token>.xlsx", views_import.ImportReport.as_view(), name="import-report"),
]
