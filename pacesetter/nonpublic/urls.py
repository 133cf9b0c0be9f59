"""Pages of nonpublic, under /non-public/ (namespace "nonpublic")."""
from django.urls import path

from .views import checklist, coverage, entities, imports, plans

app_name = "nonpublic"

urlpatterns = [
    path("", entities.EntityList.as_view(), name="entity-list"),
    path("export.xlsx", entities.EntityExport.as_view(), name="entity-export"),
    path("new/", entities.EntityRegister.as_view(), name="entity-register"),
    path("import/", imports.EntityImport.as_view(), name="entity-import"),
    path("import/template.xlsx", imports.ImportTemplate.as_view(), name="import-template"),
    path("coverage/", coverage.Coverage.as_view(), name="coverage"),
    path("coverage/export.xlsx", coverage.CoverageExport.as_view(), name="coverage-export"),
    path("<int:pk>/", entities.EntityDetail.as_view(), name="entity-detail"),
    path("<int:pk>/edit/", entities.EntityEdit.as_view(), name="entity-edit"),
    path("<int:pk>/status/", entities.EntityStatus.as_view(), name="entity-status"),
    path("<int:pk>/plan/", plans.PlanNew.as_view(), name="plan-new"),
    path("plans/", plans.PlanList.as_view(), name="plan-list"),
    path("plans/<int:pk>/edit/", plans.PlanEdit.as_view(), name="plan-edit"),
    path("checklist/", checklist.ChecklistList.as_view(), name="checklist-list"),
    path("checklist/items/", checklist.ItemAdd.as_view(), name="item-add"),
    path("checklist/<int:org>/", checklist.Checklist.as_view(), name="checklist"),
    path("checklist/<int:org>/<int:item>/", checklist.CheckRecord.as_view(), name="check-record"),
    path("evidence/<int:pk>/", checklist.EvidenceFile.as_view(), name="evidence"),
    path("evidence/<int:pk>/thumb/", checklist.EvidenceFile.as_view(thumbnail=True), name="evidence-thumbnail"),
]
