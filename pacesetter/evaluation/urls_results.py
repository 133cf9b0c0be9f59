"""Evaluation pages: results (included by urls.py under the evaluation namespace)."""
from django.urls import path

from .views import results

urlpatterns = [
    path("rounds/<int:pk>/results/", results.ResultList.as_view(), name="results"),
    path("rounds/<int:pk>/results/subjects/<int:subject>/", results.ResultSubject.as_view(), name="result_subject"),
    path("rounds/<int:pk>/results/export.xlsx", results.ResultExport.as_view(), name="results_export"),
]
