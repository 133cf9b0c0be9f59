"""What the API shows and accepts.

Organisations named in input (`parent_code`, `org_code`, `into_code`, …) are looked up among
those the requesting user can see, so one outside the user's view is "unknown", exactly
like one that does not exist. `create`/`update` hand over to the domain functions, which
check permission, write in one transaction and record the audit entry.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.orgs import domain
from pacesetter.orgs import rules as org_rules
from pacesetter.orgs.enums import Gender, MemberStatus, OrgLevel, OrgStatus, Role, Sector
from pacesetter.orgs.models import Leader, Member, Organization
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.orgs.validators import CODE_RE, validate_phone

from .exceptions import call_domain

#: The largest id a filter takes (ids in paths have at most 18 digits too): a larger one
#: overflowed the database's integer in a foreign-key lookup (a 500).
MAX_ID = 10**18 - 1

PHONE_HELP = _("Shown in full only to those who may edit this record; masked (138****5678) for everyone else.")


class PhoneField(serializers.CharField):
    """A member's or leader's phone: checked on input; answered masked (138****5678) to
    those who may not edit the record, so the schema documents its pattern for input only
    (pacesetter.api.schema.PhoneFieldExtension; a validator in `validators` would put the
    pattern on answers too)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", PHONE_HELP)
        super().__init__(max_length=20, required=False, allow_blank=True, **kwargs)

    def run_validators(self, value):
        super().run_validators(value)
        try:
            validate_phone(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(list(error.messages)) from error


def _user(serializer: serializers.Field):
    return serializer.context["request"].user


@extend_schema_field(OpenApiTypes.STR)
class CodeField(serializers.Field):
    """An object named by its code, found only in `lookup(user)` (the requesting user's
    view). The code's form is checked before the lookup: a NUL byte would make PostgreSQL
    refuse the query. Subclasses name what is looked up in their error messages."""

    default_error_messages = {
        "invalid": _("Enter a code."),
        "unknown": _("Unknown code: {code}."),
        "malformed": _("A code is 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit."),
    }

    def __init__(self, *, lookup, **kwargs):
        self.lookup = lookup
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip():
            self.fail("invalid")
        code = data.strip()
        if not CODE_RE.match(code):
            self.fail("malformed")
        found = self.lookup(_user(self)).filter(code=code).first()
        if found is None:
            self.fail("unknown", code=code)
        return found

    def to_representation(self, value):
        return getattr(value, "code", value)


@extend_schema_field(OpenApiTypes.STR)
class OrganizationCodeField(CodeField):
    """An organisation named by its code, found only among those the requesting user sees."""

    default_error_messages = {
        "invalid": _("Enter an organisation code."),
        "unknown": _("Unknown organisation: {code}."),
    }

    def __init__(self, **kwargs):
        super().__init__(lookup=organizations_visible_to, **kwargs)


# --- Organisations ------------------------------------------------------------


class OrganizationSerializer(serializers.ModelSerializer):
    parent_code = OrganizationCodeField(
        allow_null=True,
        help_text=_(
            "Code of the parent organisation. Required when creating (null makes a top-level "
            "organisation, for superusers only); change it with the move action. Reads as null "
            "for a top-level organisation and where the parent lies outside your view."
        ),
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:organization-detail", lookup_field="code")

    class Meta:
        model = Organization
        fields = [
            "code", "name", "parent_code", "level", "sector", "township", "secretary", "established",
            "status", "depth", "numchild", "url",
        ]
        read_only_fields = ["status", "depth", "numchild"]

    def validate(self, attrs):
        if self.instance is not None and "parent_code" in attrs:
            raise serializers.ValidationError({"parent_code": _("Use the move action to change the parent.")})
        return attrs

    def create(self, validated_data):
        parent = validated_data.pop("parent_code")
        return call_domain(domain.create_organization, parent=parent, by=_user(self), **validated_data)

    def update(self, instance, validated_data):
        return call_domain(domain.update_organization, instance, by=_user(self), **validated_data)


class MoveSerializer(serializers.Serializer):
    parent_code = OrganizationCodeField(help_text=_("Code of the new parent organisation."))


class MergeSerializer(serializers.Serializer):
    into_code = OrganizationCodeField(help_text=_("Code of the organisation that takes over members and sub-organisations."))


class DissolveSerializer(serializers.Serializer):
    transfer_members_to = OrganizationCodeField(
        required=False,
        allow_null=True,
        help_text=_("Code of the organisation the members move to; leave out to keep them with the archived one."),
    )


class OrganizationFilterSerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    level = serializers.ChoiceField(choices=OrgLevel.choices, required=False)
    township = serializers.CharField(required=False, help_text=_("Exact township name."))
    status = serializers.ChoiceField(choices=OrgStatus.choices, required=False)
    parent = OrganizationCodeField(required=False, help_text=_("Only the direct children of this organisation."))
    subtree = OrganizationCodeField(required=False, help_text=_("Only this organisation and everything under it."))
    q = serializers.CharField(required=False, help_text=_("Code prefix or part of the name."))


# --- Members --------------------------------------------------------------------


class MemberSerializer(serializers.ModelSerializer):
    org_code = OrganizationCodeField(
        source="organization", help_text=_("Code of the member's organisation; change it to transfer the member.")
    )
    org_name = serializers.CharField(source="organization.name", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:member-detail", lookup_field="code")
    phone = PhoneField()

    class Meta:
        model = Member
        fields = [
            "code", "name", "gender", "birth_date", "join_date", "status", "education",
            "org_code", "org_name", "position", "is_rural", "phone", "url",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not org_rules.can_edit_member(_user(self), instance):
            data["phone"] = instance.phone_masked
        return data

    def create(self, validated_data):
        return call_domain(domain.create_member, by=_user(self), renames={"organization": "org_code"}, **validated_data)

    def update(self, instance, validated_data):
        return call_domain(
            domain.update_member, instance, by=_user(self), renames={"organization": "org_code"}, **validated_data
        )


class MemberFilterSerializer(serializers.Serializer):
    org = OrganizationCodeField(required=False, help_text=_("Only members of this organisation and everything under it."))
    status = serializers.ChoiceField(choices=MemberStatus.choices, required=False)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    rural = serializers.BooleanField(required=False, help_text=_("true: rural members only; false: the others."))
    q = serializers.CharField(required=False, help_text=_("Code prefix or part of the name."))


# --- Leaders --------------------------------------------------------------------


class LeaderSerializer(serializers.ModelSerializer):
    org_code = OrganizationCodeField(source="organization", help_text=_("Code of the committee the leader serves in."))
    org_name = serializers.CharField(source="organization.name", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:leader-detail", lookup_field="code")
    phone = PhoneField()

    class Meta:
        model = Leader
        fields = ["code", "name", "title", "org_code", "org_name", "phone", "url"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not org_rules.can_edit_leader(_user(self), instance):
            data["phone"] = instance.phone_masked
        return data

    def create(self, validated_data):
        return call_domain(domain.create_leader, by=_user(self), renames={"organization": "org_code"}, **validated_data)

    def update(self, instance, validated_data):
        return call_domain(
            domain.update_leader, instance, by=_user(self), renames={"organization": "org_code"}, **validated_data
        )


class LeaderFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, help_text=_("Code prefix, or part of the name or title."))


# --- The requesting user ----------------------------------------------------------


class OrganizationRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:organization-detail", lookup_field="code")

    class Meta:
        model = Organization
        fields = ["code", "name", "url"]


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    org_code = serializers.CharField(source="organization.code")
    org_name = serializers.CharField(source="organization.name")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(help_text=_("Full name, empty when not recorded."))
    is_superuser = serializers.BooleanField()
    roles = RoleSerializer(many=True)
    visible_roots = OrganizationRefSerializer(
        many=True, help_text=_("The top organisations of what you see; everything you see lies under them.")
    )
