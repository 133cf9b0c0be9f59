"""Pages of theory seminars, under /seminars/ (namespace "seminars"); the proceedings of
published seminars need no login."""
from django.urls import path

from .views import papers, public, reviews, seminars

app_name = "seminars"

urlpatterns = [
    path("", seminars.SeminarList.as_view(), name="seminar-list"),
    path("new/", seminars.SeminarNew.as_view(), name="seminar-new"),
    path("<int:pk>/", seminars.SeminarDetail.as_view(), name="seminar-detail"),
    path("<int:pk>/edit/", seminars.SeminarEdit.as_view(), name="seminar-edit"),
    path("<int:pk>/state/", seminars.SeminarStateChange.as_view(), name="seminar-state"),
    path("<int:pk>/assign/", seminars.SeminarAssign.as_view(), name="seminar-assign"),
    path("<int:pk>/publish/", seminars.SeminarPublish.as_view(), name="seminar-publish"),
    path("<int:pk>/submit/", papers.PaperNew.as_view(), name="paper-new"),
    path("papers/<int:pk>/", papers.PaperDetail.as_view(), name="paper-detail"),
    path("papers/<int:pk>/edit/", papers.PaperEdit.as_view(), name="paper-edit"),
    path("papers/<int:pk>/withdraw/", papers.PaperWithdraw.as_view(), name="paper-withdraw"),
    path("papers/<int:pk>/file/", papers.PaperFile.as_view(), name="paper-file"),
    path("papers/<int:pk>/reviewers/", papers.PaperReviewerAdd.as_view(), name="paper-reviewer-add"),
    path("reviews/", reviews.ReviewList.as_view(), name="review-list"),
    path("reviews/<int:pk>/", reviews.ReviewDetail.as_view(), name="review-detail"),
    path("reviews/<int:pk>/file/", reviews.ReviewFile.as_view(), name="review-file"),
    path("reviews/<int:pk>/remove/", reviews.ReviewRemove.as_view(), name="review-remove"),
    path("proceedings/", public.ProceedingsList.as_view(), name="proceedings-list"),
    path("proceedings/<int:pk>/", public.Proceedings.as_view(), name="proceedings"),
]
