from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobList.as_view(), name="job-list"),
    path("run/", views.JobRunNow.as_view(), name="job-run"),
    path("<int:pk>/", views.JobDetail.as_view(), name="job-detail"),
    path("<int:pk>/result/", views.JobResult.as_view(), name="job-result"),
    path("<int:pk>/retry/", views.JobAction.as_view(action="retry_job"), name="job-retry"),
    path("<int:pk>/cancel/", views.JobAction.as_view(action="cancel_job"), name="job-cancel"),
]
