from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.CampaignList.as_view(), name="campaign-list"),
    path("new/", views.CampaignCreate.as_view(), name="campaign-create"),
    path("<int:pk>/", views.CampaignDetail.as_view(), name="campaign-detail"),
    path("<int:pk>/edit/", views.CampaignEdit.as_view(), name="campaign-edit"),
    path("<int:pk>/status/", views.CampaignSetStatus.as_view(), name="campaign-status"),
]
