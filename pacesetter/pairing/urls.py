"""Pages of pairing, under /pairings/ (namespace "pairing")."""
from django.urls import path

from .views import effect, pairings, recommendations

app_name = "pairing"
urlpatterns = [
    path("", pairings.PairingList.as_view(), name="pairing-list"),
    path("<int:pk>/", pairings.PairingDetail.as_view(), name="pairing-detail"),
    path("<int:pk>/photos/<int:photo>/", pairings.HelpPhotoFile.as_view(), name="photo"),
    path("recommendations/", recommendations.RunList.as_view(), name="run-list"),
    path("recommendations/<int:pk>/", recommendations.RunDetail.as_view(), name="run-detail"),
    path("recommendations/<int:pk>/rows/<int:row>/", recommendations.RowDecide.as_view(), name="row-decide"),
    path("recommendations/<int:pk>/create/", recommendations.RunCreate.as_view(), name="run-create"),
    path("effect/", effect.EffectPage.as_view(), name="effect"),
    path("effect/export/", effect.EffectExport.as_view(), name="effect-export"),
]
