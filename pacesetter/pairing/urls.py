"""Pages of pairing, under /pairings/ (namespace "pairing")."""
from django.urls import path

from .views import effect, manage, pairings, recommendations

app_name = "pairing"
urlpatterns = [
    path("", pairings.PairingList.as_view(), name="pairing-list"),
    path("new/", manage.PairingCreate.as_view(), name="pairing-new"),
    path("<int:pk>/", pairings.PairingDetail.as_view(), name="pairing-detail"),
    path("<int:pk>/edit/", manage.PairingEdit.as_view(), name="pairing-edit"),
    path("<int:pk>/end/", manage.PairingEnd.as_view(), name="pairing-end"),
    path("<int:pk>/replace/", manage.PairingReplace.as_view(), name="pairing-replace"),
    path("<int:pk>/photos/<int:photo>/", pairings.HelpPhotoFile.as_view(), name="photo"),
    path("recommendations/", recommendations.RunList.as_view(), name="run-list"),
    path("recommendations/<int:pk>/", recommendations.RunDetail.as_view(), name="run-detail"),
    path("recommendations/<int:pk>/rows/<int:row>/", recommendations.RowDecide.as_view(), name="row-decide"),
    path("recommendations/<int:pk>/create/", recommendations.RunCreate.as_view(), name="run-create"),
    path("effect/", effect.EffectPage.as_view(), name="effect"),
    path("effect/export/", effect.EffectExport.as_view(), name="effect-export"),
]
