"""Staff pages of public commitments under /commitments/, namespace `commitments:`.

Each area keeps its own list (pledges and delivery, feedback moderation, dashboards);
the public notice board is `urls_public` under /notice/."""
from . import urls_dashboard, urls_feedback, urls_pages, urls_review

app_name = "commitments"
urlpatterns = [
    *urls_dashboard.urlpatterns, *urls_feedback.urlpatterns, *urls_pages.urlpatterns, *urls_review.urlpatterns,
]
