"""Evaluation pages: setup (included by urls.py under the evaluation namespace)."""
from django.urls import path

from .views import setup

urlpatterns = [
    path("", setup.RoundList.as_view(), name="rounds"),
    path("schemes/", setup.SchemeList.as_view(), name="schemes"),
    path("schemes/new/", setup.SchemeCreate.as_view(), name="scheme_create"),
    path("schemes/<int:pk>/", setup.SchemeDetail.as_view(), name="scheme"),
    path("schemes/<int:pk>/edit/", setup.SchemeEdit.as_view(), name="scheme_edit"),
    path("schemes/<int:pk>/activate/", setup.SchemeActivate.as_view(), name="scheme_activate"),
    path("rounds/new/", setup.RoundCreate.as_view(), name="round_create"),
    path("rounds/<int:pk>/", setup.RoundDetail.as_view(), name="round"),
    path("rounds/<int:pk>/edit/", setup.RoundEdit.as_view(), name="round_edit"),
    path("rounds/<int:pk>/subjects/", setup.RoundSubjects.as_view(), name="round_subjects"),
    path("rounds/<int:pk>/groups/", setup.RoundGroups.as_view(), name="round_groups"),
    path("rounds/<int:pk>/open/", setup.RoundOpen.as_view(), name="round_open"),
    path("rounds/<int:pk>/close/", setup.RoundClose.as_view(), name="round_close"),
    path("rounds/<int:pk>/release/", setup.RoundRelease.as_view(), name="round_release"),
    path("rounds/<int:pk>/tokens/", setup.RoundTokens.as_view(), name="round_tokens"),
]
