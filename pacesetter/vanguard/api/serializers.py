"""What the vanguard endpoints show and accept. Choice fields carry names of their own
(`vanguard_kind`, `vanguard_state`, `vanguard_measure`, `vanguard_rating`) so the schema's
enums do not collide with other apps'. Members and organisations are named by code, found
only in the requesting user's view."""
from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from pacesetter.api.serializers import MAX_ID, CodeField, OrganizationCodeField
from pacesetter.orgs.queries import members_visible_to

from ..domain import MAX_EVIDENCE
from ..enums import Measure, ProjectState, Rating, VanguardKind
from ..models import Evidence, ProgressUpdate, Project, ResultLine, Review

AMOUNT = {"max_digits": 14, "decimal_places": 2}


@extend_schema_field(OpenApiTypes.STR)
class MemberCodeField(CodeField):
    default_error_messages = {"unknown": _("Unknown member: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=lambda user: members_visible_to(user).select_related("organization"), **kwargs)


class ProjectField(serializers.PrimaryKeyRelatedField):
    """A project by id, found only among those the requesting user sees."""

    def get_queryset(self):
        from ..queries import projects_visible_to

        return projects_visible_to(self.context["request"].user).select_related("organization", "lead")


class VanguardProgressSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:vanguard-progress-detail", lookup_url_kwarg="id")
    project = ProjectField(help_text=_("The project's id."))
    percent = serializers.IntegerField(min_value=0, max_value=100)

    class Meta:
        model = ProgressUpdate
        fields = ["id", "url", "project", "date", "percent", "text"]


class VanguardResultSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:vanguard-result-detail", lookup_url_kwarg="id")
    project = ProjectField(help_text=_("The project's id."))
    vanguard_measure = serializers.ChoiceField(source="measure", choices=Measure.choices)
    amount = serializers.DecimalField(**AMOUNT, min_value=0,
                                      help_text=_("Yuan for money saved; a whole number for the rest."))

    class Meta:
        model = ResultLine
        fields = ["id", "url", "project", "vanguard_measure", "amount", "note"]


class VanguardReviewSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:vanguard-review-detail", lookup_url_kwarg="id")
    project = ProjectField(help_text=_("A completed project's id; reviewing it again replaces the review."))
    vanguard_rating = serializers.ChoiceField(source="rating", choices=Rating.choices)
    comment = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)

    class Meta:
        model = Review
        fields = ["id", "url", "project", "vanguard_rating", "comment", "reviewed_on"]
        read_only_fields = ["reviewed_on"]
        validators = []  # one per project: a second review replaces the first


class VanguardReviewReadSerializer(serializers.ModelSerializer):
    vanguard_rating = serializers.ChoiceField(source="rating", choices=Rating.choices, read_only=True)

    class Meta:
        model = Review
        fields = ["vanguard_rating", "comment", "reviewed_on"]


class VanguardProjectSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:vanguard-project-detail", lookup_url_kwarg="id")
    vanguard_kind = serializers.ChoiceField(source="kind", choices=VanguardKind.choices, read_only=True)
    vanguard_state = serializers.ChoiceField(source="state", choices=ProjectState.choices, read_only=True)
    organization = serializers.CharField(source="organization.code", read_only=True)
    township = serializers.CharField(source="organization.township", read_only=True)
    lead = serializers.CharField(source="lead.code", read_only=True)
    lead_name = serializers.CharField(source="lead.name", read_only=True)
    co_owners = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    progress = VanguardProgressSerializer(many=True, read_only=True)
    results = VanguardResultSerializer(many=True, read_only=True)
    review = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "url", "vanguard_kind", "title", "organization", "township", "lead", "lead_name", "co_owners",
                  "goals", "starts_on", "ends_on", "vanguard_state", "finished_on", "progress", "results", "review"]
        read_only_fields = fields

    @extend_schema_field(VanguardReviewReadSerializer(allow_null=True))
    def get_review(self, project):
        review = getattr(project, "review", None)
        return None if review is None else VanguardReviewReadSerializer(review).data


class VanguardProjectWriteSerializer(serializers.Serializer):
    """A new project (with `organization`) or a change to one (every field optional)."""

    organization = OrganizationCodeField(help_text=_("The organisation (unit) the project belongs to; fixed."))
    vanguard_kind = serializers.ChoiceField(choices=VanguardKind.choices)
    title = serializers.CharField(max_length=200)
    lead = MemberCodeField(help_text=_("The lead owner's member code."))
    co_owners = serializers.ListField(child=MemberCodeField(), required=False, default=list, max_length=20,
                                      help_text=_("The other owners' member codes."))
    goals = serializers.CharField(max_length=4000)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class VanguardProjectChangeSerializer(VanguardProjectWriteSerializer):
    organization = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class VanguardStateSerializer(serializers.Serializer):
    vanguard_state = serializers.ChoiceField(choices=ProjectState.choices)


class VanguardProjectFilterSerializer(serializers.Serializer):
    vanguard_kind = serializers.ChoiceField(choices=VanguardKind.choices, required=False)
    vanguard_state = serializers.ChoiceField(choices=ProjectState.choices, required=False)
    township = serializers.CharField(max_length=50, required=False)
    org = serializers.CharField(max_length=32, required=False, help_text=_("An organisation code: its subtree."))
    mine = serializers.BooleanField(required=False, allow_null=True, default=None,
                                    help_text=_("Only the projects you lead or co-own."))
    q = serializers.CharField(max_length=100, required=False, help_text=_("Title, lead's name or member code."))


class VanguardPartFilterSerializer(serializers.Serializer):
    project = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text=_("A project's id."))


def evidence_limit() -> int:
    """Evidence files a project may hold in all (setting VANGUARD_MAX_EVIDENCE)."""
    return int(getattr(settings, "VANGUARD_MAX_EVIDENCE", MAX_EVIDENCE))


@extend_schema_serializer(component_name="VanguardEvidence")
class VanguardEvidenceSerializer(serializers.ModelSerializer):
    """An evidence file as listed; `url` (and a photo's `thumbnail_url`) is the project
    page's file view, served to a signed-in browser session that sees the project."""

    # A plain string, not an enum: the same two values would collide with other apps' enums in the schema.
    evidence_kind = serializers.CharField(source="kind", read_only=True, help_text=_("“photo” or “document”."))
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "evidence_kind", "original_name", "content_type", "size", "width", "height", "uploaded_at",
                  "url", "thumbnail_url"]
        read_only_fields = fields

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, row) -> str:
        return self._absolute(reverse("vanguard:evidence-file", args=[row.project_id, row.pk]))

    @extend_schema_field(serializers.URLField(allow_null=True,
                                              help_text=_("A photo's thumbnail; null for a document.")))
    def get_thumbnail_url(self, row) -> str | None:
        if not row.thumbnail:
            return None
        return self._absolute(reverse("vanguard:evidence-file", args=[row.project_id, row.pk]) + "?thumb=1")


@extend_schema_serializer(component_name="VanguardEvidenceUpload")
class VanguardEvidenceUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), min_length=1,
        help_text=_("Photos (JPEG, PNG, WebP; stored re-encoded without EXIF or GPS location) or documents "
                    "(PDF, Word, Excel, WPS, OFD); a project holds at most VANGUARD_MAX_EVIDENCE files in all."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].validators.append(_at_most(evidence_limit()))


def _at_most(limit: int):
    def check(value):
        if len(value) > limit:
            raise serializers.ValidationError(_("A project holds at most %(n)d files.") % {"n": limit})
    return check
