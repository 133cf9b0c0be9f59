"""Pages of stages, under /stages/ (namespace "stages")."""
from django.urls import path

from .views import checklist, dashboard, setup

app_name = "stages"

urlpatterns = [
    path("", dashboard.Dashboard.as_view(), name="dashboard"),
    path("export.xlsx", dashboard.DashboardExport.as_view(), name="dashboard-export"),
    path("township/", dashboard.Township.as_view(), name="township"),
    path("o/<str:code>/", checklist.OrgChecklist.as_view(), name="org-checklist"),
    path("o/<str:code>/task/<int:task>/done/", checklist.TaskDone.as_view(), name="task-done"),
    path("o/<str:code>/task/<int:task>/send-back/", checklist.TaskSendBack.as_view(), name="task-send-back"),
    path("evidence/<int:pk>/", checklist.EvidenceFile.as_view(), name="evidence"),
    path("setup/", setup.SetupList.as_view(), name="setup"),
    path("setup/<int:pk>/", setup.CampaignSetup.as_view(), name="campaign-setup"),
    path("setup/<int:pk>/stage/new/", setup.StageNew.as_view(), name="stage-new"),
    path("setup/<int:pk>/copy/", setup.CampaignCopy.as_view(), name="campaign-copy"),
    path("stage/<int:pk>/edit/", setup.StageEdit.as_view(), name="stage-edit"),
    path("stage/<int:pk>/task/new/", setup.TaskNew.as_view(), name="task-new"),
    path("task/<int:pk>/edit/", setup.TaskEdit.as_view(), name="task-edit"),
    path("task/<int:pk>/delete/", setup.TaskDelete.as_view(), name="task-delete"),
]
