"""Supervision notices, accountability cases and the escalation ladder under /accountability/
(namespace "accountability")."""
from django.urls import path

from .views import cases, cases_actions, ladder, notices

urlpatterns = [
    path("ladder/", ladder.LadderDetail.as_view(), name="ladder"),
    path("ladder/edit/", ladder.LadderEdit.as_view(), name="ladder-edit"),
    path("notices/", notices.NoticeList.as_view(), name="notice-list"),
    path("notices/new/", notices.NoticeNew.as_view(), name="notice-new"),
    path("notices/<int:pk>/", notices.NoticeDetail.as_view(), name="notice-detail"),
    path("notices/<int:pk>/answer/", notices.NoticeAnswer.as_view(), name="notice-answer"),
    path("cases/", cases.CaseList.as_view(), name="case-list"),
    path("cases/new/", cases_actions.CaseNew.as_view(), name="case-new"),
    path("cases/<int:pk>/", cases.CaseDetail.as_view(), name="case-detail"),
    path("cases/<int:pk>/findings/", cases_actions.CaseFindings.as_view(), name="case-findings"),
    path("cases/<int:pk>/sanctions/", cases_actions.CaseSanctionAdd.as_view(), name="case-sanction"),
    path("cases/sanctions/<int:pk>/remove/", cases_actions.CaseSanctionRemove.as_view(), name="case-sanction-remove"),
    path("cases/<int:pk>/respond/", cases_actions.CaseRespond.as_view(), name="case-respond"),
    path("cases/<int:pk>/close/", cases_actions.CaseClose.as_view(), name="case-close"),
]
