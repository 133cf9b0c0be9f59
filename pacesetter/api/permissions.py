"""Who may write through the API. Reading needs nothing here: the scoped queryset already
leaves out what the user may not see, so those objects are a 404 before this is asked."""
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions


class CanEdit(permissions.BasePermission):
    """Writes are checked with the viewset's rules predicates: `may_create(user)` for a new
    object, `may_change(user, obj)` for a visible one (a 403 when they say no)."""

    message = _("You may not make this change.")

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "create":
            return bool(view.may_create(request.user))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(view.may_change(request.user, obj))
