"""Pages of vanguard, under /vanguard/ (namespace "vanguard")."""
from django.urls import path

from .views import dashboard, parts, projects

app_name = "vanguard"

urlpatterns = [
    path("", projects.ProjectList.as_view(), name="project-list"),
    path("mine/", projects.ProjectList.as_view(mine=True), name="project-mine"),
    path("new/", projects.ProjectCreate.as_view(), name="project-create"),
    path("dashboard/", dashboard.Dashboard.as_view(), name="dashboard"),
    path("dashboard/export.xlsx", dashboard.DashboardExport.as_view(), name="dashboard-export"),
    path("<int:pk>/", projects.ProjectDetail.as_view(), name="project-detail"),
    path("<int:pk>/edit/", projects.ProjectEdit.as_view(), name="project-edit"),
    path("<int:pk>/state/", projects.ProjectStateChange.as_view(), name="project-state"),
    path("<int:pk>/progress/", parts.ProgressNew.as_view(), name="progress-new"),
    path("<int:pk>/results/", parts.ResultNew.as_view(), name="result-new"),
    path("<int:pk>/evidence/", parts.EvidenceNew.as_view(), name="evidence-new"),
    path("<int:pk>/evidence/<int:evidence>/", parts.EvidenceFile.as_view(), name="evidence-file"),
    path("<int:pk>/review/", parts.ReviewNew.as_view(), name="project-review"),
]
