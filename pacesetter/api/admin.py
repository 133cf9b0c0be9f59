"""Personal API tokens in the admin: list and revoke only. The hash is never shown."""
from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pacesetter.core.admin import ReadOnlyAdmin
from pacesetter.orgs import rules as org_rules
from pacesetter.orgs.queries import organizations_visible_to

from .domain import revoke_personal_token
from .models import PersonalToken


@admin.register(PersonalToken)
class PersonalTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked")
    list_filter = ("revoked",)
    search_fields = ("user__username", "name", "=prefix")
    list_select_related = ("user",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked")
    readonly_fields = fields
    actions = ["revoke"]

    def get_queryset(self, request):
        """Tokens of users holding a role in the admin's view, and their own."""
        user = request.user
        in_view = Q(user__roles__organization__in=organizations_visible_to(user))
        ids = PersonalToken.objects.filter(Q(user=user) | in_view).values("pk")
        return PersonalToken.objects.filter(pk__in=ids)

    def has_module_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_revoke_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)


    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked=False).select_related("user"):
            revoke_personal_token(token, by=request.user)
            done += 1
        message = ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", done) % {"n": done}
        self.message_user(request, message, messages.SUCCESS)
