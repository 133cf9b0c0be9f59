"""URLs of the organisation pages (the import pages keep their own module)."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.OrganizationTree.as_view(), name="tree"),
    path("tree/<code:code>/children/", views.OrganizationTreeChildren.as_view(), name="tree-children"),
    path("list/", views.OrganizationList.as_view(), name="organization-list"),
    path("list/export/", views.OrganizationExport.as_view(), name="organization-export"),
    path("o/<code:code>/", views.OrganizationDetail.as_view(), name="organization-detail"),
    path("o/<code:code>/edit/", views.OrganizationEdit.as_view(), name="organization-edit"),
    path("o/<code:code>/move/", views.OrganizationMove.as_view(), name="organization-move"),
    path("o/<code:code>/merge/", views.OrganizationMerge.as_view(), name="organization-merge"),
    path("o/<code:code>/dissolve/", views.OrganizationDissolve.as_view(), name="organization-dissolve"),
    path("o/<code:code>/add/", views.OrganizationCreate.as_view(), name="organization-create"),
    path("o/<code:code>/members/add/", views.MemberCreate.as_view(), name="member-create"),
    path("members/", views.MemberList.as_view(), name="member-list"),
    path("members/export/", views.MemberExport.as_view(), name="member-export"),
    path("m/<code:code>/", views.MemberDetail.as_view(), name="member-detail"),
    path("m/<code:code>/edit/", views.MemberEdit.as_view(), name="member-edit"),
    path("leaders/", views.LeaderList.as_view(), name="leader-list"),
    path("leaders/export/", views.LeaderExport.as_view(), name="leader-export"),
]
