"""See urls.py: one URL list per area, joined under the `commitments:` namespace.

The staff pages of pledges and their delivery; the evidence URLs are also linked from the
public notice board (they serve public evidence to anyone)."""
from django.urls import path

from .views import pages, pages_evidence, pages_items

urlpatterns = [
    path("", pages.CommitmentList.as_view(), name="commitment-list"),
    path("new/", pages.CommitmentNew.as_view(), name="commitment-new"),
    path("review/", pages.ReviewList.as_view(), name="review-list"),
    path("<int:pk>/", pages.CommitmentDetail.as_view(), name="commitment-detail"),
    path("<int:pk>/submit/", pages.CommitmentSubmit.as_view(), name="commitment-submit"),
    path("<int:pk>/approve/", pages.CommitmentApprove.as_view(), name="commitment-approve"),
    path("<int:pk>/return/", pages.CommitmentReturn.as_view(), name="commitment-return"),
    path("<int:pk>/judge/", pages.CommitmentJudge.as_view(), name="commitment-judge"),
    path("<int:pk>/items/add/", pages_items.ItemAdd.as_view(), name="item-add"),
    path("items/<int:pk>/", pages_items.ItemDetail.as_view(), name="item-detail"),
    path("items/<int:pk>/edit/", pages_items.ItemEdit.as_view(), name="item-edit"),
    path("items/<int:pk>/remove/", pages_items.ItemRemove.as_view(), name="item-remove"),
    path("items/<int:pk>/progress/", pages_items.ItemProgress.as_view(), name="item-progress"),
    path("items/<int:pk>/outcome/", pages_items.ItemOutcome.as_view(), name="item-outcome"),
    path("evidence/<int:pk>/", pages_evidence.EvidenceFile.as_view(), name="evidence-file"),
    path("evidence/<int:pk>/thumbnail/", pages_evidence.EvidenceThumbnail.as_view(), name="evidence-thumbnail"),
]
