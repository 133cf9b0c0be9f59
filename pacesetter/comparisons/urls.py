"""Pages of the four comparisons, under /compare/ (namespace "comparisons")."""
from django.urls import path

from . import views

app_name = "comparisons"

ORG = "<code:code>"

urlpatterns = [
    path("", views.Landing.as_view(), name="landing"),
    path("outside/", views.Outside.as_view(), name="outside"),
    path("outside/export.xlsx", views.OutsideExport.as_view(), name="outside-export"),
    path(f"{ORG}/history/", views.History.as_view(), name="history"),
    path(f"{ORG}/history/export.xlsx", views.HistoryExport.as_view(), name="history-export"),
    path(f"{ORG}/peers/", views.Peers.as_view(), name="peers"),
    path(f"{ORG}/peers/export.xlsx", views.PeersExport.as_view(), name="peers-export"),
    path(f"{ORG}/within/", views.Within.as_view(), name="within"),
    path(f"{ORG}/within/export.xlsx", views.WithinExport.as_view(), name="within-export"),
    path(f"{ORG}/report/", views.Report.as_view(), name="report"),
]
