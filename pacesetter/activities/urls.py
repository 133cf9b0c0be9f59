"""Pages of activities, under /activities/ (namespace "activities")."""
from django.urls import path

from .views import activities, attendance, flags, signin

app_name = "activities"

urlpatterns = [
    path("", activities.ActivityList.as_view(), name="activity-list"),
    path("export.xlsx", activities.ActivityExport.as_view(), name="activity-export"),
    path("mine/", activities.MyActivities.as_view(), name="mine"),
    path("new/", activities.ActivityNew.as_view(), name="activity-new"),
    path("flags/", flags.Flags.as_view(), name="flags"),
    path("<int:pk>/", activities.ActivityDetail.as_view(), name="activity-detail"),
    path("<int:pk>/edit/", activities.ActivityEdit.as_view(), name="activity-edit"),
    path("<int:pk>/minutes/", activities.ActivityMinutes.as_view(), name="activity-minutes"),
    path("<int:pk>/cancel/", activities.ActivityCancel.as_view(), name="activity-cancel"),
    path("<int:pk>/attendance/", attendance.AttendanceMark.as_view(), name="attendance-mark"),
    path("<int:pk>/attendance.xlsx", attendance.AttendanceExport.as_view(), name="attendance-export"),
    path("<int:pk>/projector/", signin.Projector.as_view(), name="projector"),
    path("<int:pk>/projector/code.json", signin.ProjectorCode.as_view(), name="projector-code"),
    path("<int:pk>/sign-in/", signin.SignIn.as_view(), name="signin"),
    path("photos/<int:pk>/", activities.PhotoFile, name="photo"),
    path("photos/<int:pk>/thumbnail/", activities.PhotoThumbnail, name="photo-thumbnail"),
]
