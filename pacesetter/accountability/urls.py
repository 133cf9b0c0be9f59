"""Pages of work style and accountability, namespace "accountability": key tasks under
/tasks/ (urls_tasks), supervision notices, cases and the escalation ladder under
/accountability/ (urls_cases)."""
from django.urls import include, path

from . import urls_cases, urls_tasks

app_name = "accountability"

urlpatterns = [
    path("tasks/", include(urls_tasks.urlpatterns)),
    path("accountability/", include(urls_cases.urlpatterns)),
]
