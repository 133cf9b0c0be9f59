"""Pages of the photo exhibition, under /exhibition/ (namespace "exhibition"). The gallery,
the photo pages, their files and the big screen need no login."""
from django.urls import path

from .views import manage, public

app_name = "exhibition"

urlpatterns = [
    path("", public.Gallery.as_view(), name="gallery"),
    path("screen/", public.Screen.as_view(), name="screen"),
    path("photo/<int:pk>/", public.PhotoDetail.as_view(), name="photo-detail"),
    path("photo/<int:pk>/image/", public.PhotoImage.as_view(), name="photo-image"),
    path("photo/<int:pk>/thumbnail/", public.PhotoThumbnail.as_view(), name="photo-thumbnail"),
    path("photo/<int:pk>/moderate/", manage.PhotoModerate.as_view(), name="photo-moderate"),
    path("upload/", manage.PhotoUpload.as_view(), name="photo-upload"),
    path("mine/", manage.PhotoMine.as_view(), name="photo-mine"),
    path("moderation/", manage.ModerationQueue.as_view(), name="moderation"),
    path("themes/", manage.ThemeList.as_view(), name="theme-list"),
    path("themes/<int:pk>/edit/", manage.ThemeEdit.as_view(), name="theme-edit"),
]
