from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationList.as_view(), name="notification-list"),
    path("<int:pk>/read/", views.NotificationRead.as_view(), name="notification-read"),
    path("read-all/", views.NotificationReadAll.as_view(), name="notification-read-all"),
]
