"""Pages of selections, under /selections/ (namespace "selections"); the public notice
(/selections/notice/…) needs no login."""
from django.urls import path

from .views import kinds, nominations, objections, public, selections

app_name = "selections"

urlpatterns = [
    path("", selections.SelectionList.as_view(), name="selection-list"),
    path("new/", selections.SelectionNew.as_view(), name="selection-new"),
    path("<int:pk>/", selections.SelectionDetail.as_view(), name="selection-detail"),
    path("<int:pk>/edit/", selections.SelectionEdit.as_view(), name="selection-edit"),
    path("<int:pk>/step/", selections.SelectionStep.as_view(), name="selection-step"),
    path("<int:pk>/shortlist/", selections.Shortlist.as_view(), name="selection-shortlist"),
    path("<int:pk>/poster/", selections.NoticePoster.as_view(), name="notice-poster"),
    path("<int:pk>/nominate/", nominations.NominationNew.as_view(), name="nomination-new"),
    path("<int:pk>/objections/", objections.ObjectionList.as_view(), name="objection-list"),
    path("objections/<int:pk>/answer/", objections.ObjectionAnswer.as_view(), name="objection-answer"),
    path("nominations/<int:pk>/", nominations.NominationDetail.as_view(), name="nomination-detail"),
    path("nominations/<int:pk>/review/", nominations.NominationReview.as_view(), name="nomination-review"),
    path("nominations/<int:pk>/withdraw/", nominations.NominationWithdraw.as_view(), name="nomination-withdraw"),
    path("evidence/<int:pk>/", nominations.EvidenceFile.as_view(), name="evidence-file"),
    path("reviews/", nominations.ReviewQueue.as_view(), name="review-queue"),
    path("kinds/", kinds.KindList.as_view(), name="kind-list"),
    path("kinds/<int:pk>/", kinds.KindChange.as_view(), name="kind-change"),
    path("notice/", public.notice_list, name="notice-list"),
    path("notice/<int:pk>/", public.notice_detail, name="notice-detail"),
    path("notice/<int:pk>/thanks/", public.notice_thanks, name="notice-thanks"),
]
