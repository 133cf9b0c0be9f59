"""Staff pages of the evaluation mechanism under /evaluation/, one module per area."""
from . import urls_paper, urls_results, urls_setup, urls_tally

app_name = "evaluation"
urlpatterns = [
    *urls_setup.urlpatterns,
    *urls_tally.urlpatterns,
    *urls_paper.urlpatterns,
    *urls_results.urlpatterns,
]
