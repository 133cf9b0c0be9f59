"""Pages of doublelead, under /double-lead/ (namespace "doublelead")."""
from django.urls import path

from .views import members, parts, statistics

app_name = "doublelead"

urlpatterns = [
    path("", members.MemberList.as_view(), name="member-list"),
    path("export.xlsx", members.MemberExport.as_view(), name="member-export"),
    path("register/", members.MemberRegister.as_view(), name="member-register"),
    path("statistics/", statistics.Statistics.as_view(), name="statistics"),
    path("statistics/export.xlsx", statistics.StatisticsExport.as_view(), name="statistics-export"),
    path("<int:pk>/", members.MemberDetail.as_view(), name="member-detail"),
    path("<int:pk>/edit/", members.MemberEdit.as_view(), name="member-edit"),
]
for kind in parts.PARTS:
    urlpatterns += [
        path(f"<int:pk>/{kind}/new/", parts.PartNew.as_view(kind=kind), name=f"{kind}-new"),
        path(f"{kind}/<int:pk>/edit/", parts.PartEdit.as_view(kind=kind), name=f"{kind}-edit"),
    ]
