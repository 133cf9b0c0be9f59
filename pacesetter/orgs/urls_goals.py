"""The county goal framework pages under /goals/ (namespace "goals")."""
from django.urls import path

from .views import goals

app_name = "goals"
urlpatterns = [
    path("", goals.GoalTree.as_view(), name="goal-tree"),
    path("new/", goals.GoalNew.as_view(), name="goal-new"),
    path("<code:code>/", goals.GoalDetail.as_view(), name="goal-detail"),
    path("<code:code>/edit/", goals.GoalEdit.as_view(), name="goal-edit"),
    path("<code:code>/move/", goals.GoalMove.as_view(), name="goal-move"),
    path("<code:code>/active/", goals.GoalActive.as_view(), name="goal-active"),
]
