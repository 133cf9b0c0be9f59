"""Key task pages under /tasks/ (namespace "accountability").

The fixed paths come before `<code:code>/`; create_task refuses codes that equal them
(domain.tasks.RESERVED_CODES)."""
from django.urls import path

from .views import tasks_detail, tasks_forms, tasks_lists

urlpatterns = [
    path("", tasks_lists.TaskList.as_view(), name="task-list"),
    path("mine/", tasks_lists.TaskMine.as_view(), name="task-mine"),
    path("unit/<code:code>/", tasks_lists.TaskUnit.as_view(), name="task-unit"),
    path("gantt/", tasks_lists.TaskGantt.as_view(), name="task-gantt"),
    path("export.xlsx", tasks_lists.TaskExport.as_view(), name="task-export"),
    path("new/", tasks_forms.TaskNew.as_view(), name="task-new"),
    path("evidence/<int:pk>/", tasks_detail.ReportEvidenceFile.as_view(), name="report-evidence"),
    path("evidence/<int:pk>/thumbnail/", tasks_detail.ReportEvidenceThumbnail.as_view(),
         name="report-evidence-thumbnail"),
    path("reports/<int:pk>/sign/", tasks_forms.ReportSign.as_view(), name="report-sign"),
    path("<code:code>/", tasks_detail.TaskDetail.as_view(), name="task-detail"),
    path("<code:code>/edit/", tasks_forms.TaskEdit.as_view(), name="task-edit"),
    path("<code:code>/plan/", tasks_forms.TaskPlan.as_view(), name="task-plan"),
    path("<code:code>/report/", tasks_forms.TaskReport.as_view(), name="task-report"),
    path("<code:code>/status/", tasks_forms.TaskStatus.as_view(), name="task-status"),
    path("<code:code>/sign/", tasks_forms.TaskSign.as_view(), name="task-sign"),
]
