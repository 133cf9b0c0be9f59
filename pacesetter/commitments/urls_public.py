"""The public notice board (公示) under /notice/, namespace `notice:`: no login."""
from django.urls import path

from .views import public

app_name = "notice"
urlpatterns = [
    path("", public.board_page, name="board"),
    path("item/<int:pk>/", public.item_page, name="item"),
    path("<code:code>/", public.organization_page, name="organization"),
    path("<code:code>/poster/", public.poster, name="poster"),
]
