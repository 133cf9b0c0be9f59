"""The Django admin, for county admins only, through the same visibility and domain functions.

Other users, even staff, get a 403 on every page here. Lists come from the visibility
queries; every save calls a domain function, so it is permission-checked and audited like
any other write. Nothing is deleted: organisations are archived by dissolving them.
"""
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from pacesetter.core import audit
from pacesetter.core.errors import DomainError

from . import domain
from . import rules as org_rules
from .enums import OrgStatus
from .models import Goal, Leader, Member, Organization, RoleAssignment
from .queries import (
    editable_paths,
    leaders_visible_to,
    members_visible_to,
    organizations_visible_to,
    search_organizations,
    subtree_q,
)


def editable_active_organizations(user):
    """Where the user may put things: active organisations inside their editing roles' subtrees."""
    qs = organizations_visible_to(user).filter(status=OrgStatus.ACTIVE)
    paths = editable_paths(user)
    if paths is None:
        return qs
    where = Q(pk__in=[])
    for path in paths:
        where |= subtree_q(path)
    return qs.filter(where)


def adopt(obj, saved) -> None:
    """Copy what a domain function saved onto the admin's own instance, which it goes on to log."""
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class CountyAdminOnly:
    """Admin pages for county admins; for anyone else the module is hidden and pages are 403."""

    def has_module_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_add_permission(self, request) -> bool:
        return org_rules.is_county_admin(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class UserBoundForm(forms.ModelForm):
    """A form that knows the acting user, set by `get_form` on the per-request form class."""

    user = None


class OrganizationAddForm(UserBoundForm):
    parent_code = forms.CharField(
        label=_("parent organisation code"), max_length=32, help_text=_("An active organisation you may change.")
    )

    class Meta:
        model = Organization
        fields = domain.ORG_FIELDS

    def clean_parent_code(self):
        code = self.cleaned_data["parent_code"].strip()
        parent = editable_active_organizations(self.user).filter(code=code).first()
        if parent is None:
            raise ValidationError(_("Unknown organisation: %(code)s."), code="unknown", params={"code": code})
        return parent


@admin.register(Organization)
class OrganizationAdmin(CountyAdminOnly, admin.ModelAdmin):
    @admin.display(description=_("depth in the tree"), ordering="depth")
    def tree_depth(self, obj) -> int:
        return obj.depth

    add_form = OrganizationAddForm
    list_display = ("code", "name", "level", "sector", "township", "status", "tree_depth")
    list_filter = ("status", "level", "sector")
    search_fields = ("code", "name")
    ordering = ("path",)
    show_full_result_count = False
    actions = ["dissolve"]
    tree_info = ("status", "archived_on", "merged_into", "path", "depth", "numchild", "created_at", "updated_at")

    def get_queryset(self, request):
        return organizations_visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        return search_organizations(queryset, search_term), False

    def has_change_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user) and (obj is None or org_rules.can_edit_organization(request.user, obj))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("parent_code", *domain.ORG_FIELDS)
        return (*domain.ORG_FIELDS, *self.tree_info)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.tree_info

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in domain.ORG_FIELDS}
            if changes:
                domain.update_organization(Organization.objects.get(pk=obj.pk), by=request.user, **changes)
            return
        fields = {f: form.cleaned_data[f] for f in domain.ORG_FIELDS if f in form.cleaned_data}
        adopt(obj, domain.create_organization(parent=form.cleaned_data["parent_code"], by=request.user, **fields))

    @admin.action(description=_("Dissolve (archive) the selected organisations"), permissions=["change"])
    def dissolve(self, request, queryset):
        done = 0
        # Deepest first, so a branch and its committee can be dissolved in one go.
        for org in queryset.order_by("-depth", "path"):
            try:
                domain.dissolve_organization(org, by=request.user)
            except DomainError as exc:
                self.message_user(request, f"{org.code} {org.name}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            message = ngettext("%(n)d organisation dissolved.", "%(n)d organisations dissolved.", done) % {"n": done}
            self.message_user(request, message, messages.SUCCESS)


class SavedThroughDomain:
    """Admin saves go through the model's create/update domain functions (audit entry included)."""

    create = update = None

    def save_model(self, request, obj, form, change):
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in self.fields}
            if changes:
                current = self.model.objects.select_related("organization").get(pk=obj.pk)
                self.update(current, by=request.user, **changes)
            return
        fields = {f: form.cleaned_data[f] for f in self.fields if f in form.cleaned_data}
        adopt(obj, self.create(by=request.user, **fields))


class OrganizationPlaced:
    """Members and leaders: the organisation is chosen among the active ones the user may change."""

    autocomplete_fields = ("organization",)
    show_full_result_count = False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = editable_active_organizations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(Q(code__istartswith=term) | Q(name__icontains=term)), False

    @admin.display(description=_("phone"))
    def phone_masked(self, obj) -> str:
        return obj.phone_masked


@admin.register(Member)
class MemberAdmin(SavedThroughDomain, OrganizationPlaced, CountyAdminOnly, admin.ModelAdmin):
    fields = domain.MEMBER_FIELDS
    list_display = ("code", "name", "organization", "status", "gender", "is_rural", "phone_masked")
    list_filter = ("status", "gender", "is_rural")
    search_fields = ("code", "name")
    ordering = ("code",)

    def get_queryset(self, request):
        return members_visible_to(request.user).select_related("organization")

    def has_change_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user) and (obj is None or org_rules.can_edit_member(request.user, obj))

    create = staticmethod(domain.create_member)
    update = staticmethod(domain.update_member)


@admin.register(Leader)
class LeaderAdmin(SavedThroughDomain, OrganizationPlaced, CountyAdminOnly, admin.ModelAdmin):
    fields = domain.LEADER_FIELDS
    list_display = ("code", "name", "title", "organization", "phone_masked")
    search_fields = ("code", "name")
    ordering = ("code",)

    def get_queryset(self, request):
        return leaders_visible_to(request.user).select_related("organization")

    def has_change_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user) and (obj is None or org_rules.can_edit_leader(request.user, obj))

    create = staticmethod(domain.create_leader)
    update = staticmethod(domain.update_leader)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(CountyAdminOnly, admin.ModelAdmin):
    """Roles are granted and withdrawn here; a role is never edited in place."""

    fields = ("user", "role", "organization", "affiliate_kind")
    autocomplete_fields = ("organization",)
    list_display = ("user", "role", "organization", "affiliate_kind", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "organization__code", "organization__name")
    list_select_related = ("user", "organization")

    def get_queryset(self, request):
        return RoleAssignment.objects.filter(organization__in=organizations_visible_to(request.user))

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return org_rules.is_county_admin(request.user) and (
            obj is None or org_rules.can_edit_organization(request.user, obj.organization)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = editable_active_organizations(request.user)
        elif db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        adopt(obj, domain.assign_role(data["user"], role=data["role"], organization=data["organization"],
                                      affiliate_kind=data.get("affiliate_kind", ""), by=request.user))

    def delete_model(self, request, obj):
        domain.revoke_role(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "organization"):
            domain.revoke_role(assignment, by=request.user)


GOAL_FIELDS = ("code", "name", "kind", "description", "is_active")


class GoalAdmin(TreeAdmin):
    """The county's goal framework as a tree, for superusers (county admins edit goals on
    their own pages later). Saves, moves and deletions leave audit entries."""

    form = movenodeform_factory(Goal, fields=GOAL_FIELDS)
    list_display = ("name", "code", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(Goal.objects.get(pk=obj.pk), GOAL_FIELDS) if change else None
        super().save_model(request, obj, form, change)
        obj.refresh_from_db()
        audit.record("goal.update" if change else "goal.create", by=request.user, obj=obj, before=before,
                     after=audit.snapshot(obj, (*GOAL_FIELDS, "path")))

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record("goal.delete", by=request.user, obj=obj, before=audit.snapshot(obj, (*GOAL_FIELDS, "path")))
            super().delete_model(request, obj)

    def move_node(self, request):
        with transaction.atomic():
            response = super().move_node(request)
            if response.status_code == 200:
                node = Goal.objects.get(pk=request.POST["node"])
                audit.record("goal.move", by=request.user, obj=node, after={
                    "path": node.path, "target": request.POST.get("target"), "relation": request.POST.get("relation"),
                })
        return response


admin.site.register(Goal, GoalAdmin)
