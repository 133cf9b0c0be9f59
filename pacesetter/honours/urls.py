"""Pages of honours, under /honours/ (namespace "honours"). The roll and the verify pages
need no login."""
from django.urls import path

from .views import certificates, manage, public

app_name = "honours"

urlpatterns = [
    path("", public.Roll.as_view(), name="roll"),
    path("verify/<str:token>/", public.Verify.as_view(), name="verify"),
    path("manage/", manage.HonourList.as_view(), name="honour-list"),
    path("manage/export.xlsx", manage.HonourExport.as_view(), name="honour-export"),
    path("manage/add/", manage.HonourAdd.as_view(), name="honour-add"),
    path("mine/", manage.HonourMine.as_view(), name="honour-mine"),
    path("h/<int:pk>/", manage.HonourDetail.as_view(), name="honour-detail"),
    path("h/<int:pk>/revoke/", manage.HonourRevoke.as_view(), name="honour-revoke"),
    path("h/<int:pk>/certificate/", certificates.Certificate.as_view(), name="honour-certificate"),
    path("commend/<int:pk>/", manage.Commend.as_view(), name="commend"),
    path("commend/<int:pk>/certificates/", certificates.SelectionCertificates.as_view(), name="selection-certificates"),
]
