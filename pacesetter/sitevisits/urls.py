"""Pages of on-site observation meetings, under /observation/ (namespace "sitevisits"); the
score sheet (/observation/s/<token>/) and the published results need no login."""
from django.urls import path

from .views import meetings, observers, public

app_name = "sitevisits"

urlpatterns = [
    path("", meetings.MeetingList.as_view(), name="meeting-list"),
    path("new/", meetings.MeetingNew.as_view(), name="meeting-new"),
    path("<int:pk>/", meetings.MeetingDetail.as_view(), name="meeting-detail"),
    path("<int:pk>/state/", meetings.MeetingStateChange.as_view(), name="meeting-state"),
    path("<int:pk>/ranking/", meetings.MeetingResults.as_view(), name="meeting-ranking"),
    path("<int:pk>/observers/", observers.ObserverList.as_view(), name="observer-list"),
    path("<int:pk>/codes/", observers.CodesIssue.as_view(), name="codes-issue"),
    path("<int:pk>/sites/<int:site>/poster/", meetings.SitePoster.as_view(), name="site-poster"),
    path("<int:pk>/sites/<int:site>/photos/", meetings.SitePhotos.as_view(), name="site-photos"),
    path("<int:pk>/sites/<int:site>/remove/", meetings.SiteRemove.as_view(), name="site-remove"),
    path("s/<str:token>/", public.sheet, name="sheet"),
    path("results/", public.results_list, name="results-list"),
    path("results/<int:pk>/", public.results, name="results"),
]
