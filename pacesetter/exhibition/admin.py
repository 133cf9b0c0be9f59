"""The exhibition in the Django admin, read only: photos are uploaded and moderated on their
pages and through the API, where the rules and the audit entries hold."""
from django.contrib import admin

from pacesetter.evaluation.admin import CountyAdminReadOnly

from .models import Photo, Theme


@admin.register(Theme)
class ThemeAdmin(CountyAdminReadOnly, admin.ModelAdmin):
    list_display = ("name", "position", "is_active")


@admin.register(Photo)
class PhotoAdmin(CountyAdminReadOnly, admin.ModelAdmin):
    list_display = ("caption", "organization", "theme", "taken_on", "status")
    list_filter = ("status", "theme")
    list_select_related = ("organization", "theme")
    exclude = ("file", "thumbnail")
