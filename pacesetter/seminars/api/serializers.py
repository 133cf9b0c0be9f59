"""What the seminar endpoints show and accept. A reviewer's view of a paper
(`BlindPaperSerializer`) has no author, organisation, member or file name: only the
anonymous number, title, abstract and a link to the file under its neutral name."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.api.serializers import MAX_ID, CodeField, OrganizationCodeField
from pacesetter.orgs.queries import members_visible_to

from ..enums import Award, SeminarState, SubmissionStatus
from ..models import Criterion, Review, Seminar, Submission


def _absolute(serializer, name: str, pk: int) -> str:
    url = reverse(name, args=[pk])
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class RubricCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "position", "name", "max_points"]


class SeminarSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:seminar-detail", lookup_url_kwarg="id")
    state = serializers.ChoiceField(choices=SeminarState.choices, read_only=True)
    criteria = RubricCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Seminar
        fields = ["id", "url", "title", "theme", "call_text", "opens_on", "closes_on", "reviews_due", "state",
                  "published_at", "criteria"]


class SeminarFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=SeminarState.choices, required=False)


class RubricLineSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    max_points = serializers.IntegerField(min_value=1, max_value=100)


class SeminarCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    theme = serializers.CharField(max_length=200)
    call_text = serializers.CharField(max_length=8000)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    reviews_due = serializers.DateField()
    criteria = RubricLineSerializer(many=True, help_text=_("The rubric in order, e.g. 思想性 30, 创新性 25."))


class AssignSerializer(serializers.Serializer):
    reviewers = serializers.ListField(child=serializers.CharField(max_length=150), min_length=1, max_length=100,
                                      help_text=_("User names, taken in turn."))
    per_paper = serializers.IntegerField(min_value=1, max_value=5)


class AssignedSerializer(serializers.Serializer):
    assigned = serializers.IntegerField(help_text=_("How many reviews were assigned."))


class PublishSerializer(serializers.Serializer):
    first = serializers.IntegerField(min_value=0, default=0)
    second = serializers.IntegerField(min_value=0, default=0)
    third = serializers.IntegerField(min_value=0, default=0)
    merit = serializers.IntegerField(min_value=0, default=0)


class ResultSerializer(serializers.ModelSerializer):
    """A line of the published proceedings."""

    organization = serializers.CharField(source="organization.name", read_only=True)
    award = serializers.ChoiceField(choices=Award.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Submission
        fields = ["rank", "award", "number", "title", "author_name", "organization", "mean_score"]


class PaperSerializer(serializers.ModelSerializer):
    """A paper as its organisation's admins and county admins see it, author included."""

    url = serializers.HyperlinkedIdentityField(view_name="api:seminar-paper-detail", lookup_url_kwarg="id")
    organization = serializers.CharField(source="organization.code", read_only=True)
    member = serializers.CharField(source="member.code", read_only=True, allow_null=True, default=None)
    paper_status = serializers.ChoiceField(source="status", choices=SubmissionStatus.choices, read_only=True)
    award = serializers.ChoiceField(choices=Award.choices, read_only=True, allow_blank=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["id", "url", "seminar", "number", "title", "abstract", "author_name", "organization", "member",
                  "paper_status", "original_name", "extension", "size", "file_url", "rank", "award", "mean_score"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, paper) -> str:
        return _absolute(self, "seminars:paper-file", paper.pk)


class PaperFilterSerializer(serializers.Serializer):
    seminar = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    paper_status = serializers.ChoiceField(choices=SubmissionStatus.choices, required=False)


@extend_schema_field(OpenApiTypes.STR)
class MemberCodeField(CodeField):
    default_error_messages = {"unknown": _("Unknown member: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=members_visible_to, **kwargs)


class PaperSubmitSerializer(serializers.Serializer):
    seminar = serializers.PrimaryKeyRelatedField(queryset=Seminar.objects.none())
    org_code = OrganizationCodeField()
    member_code = MemberCodeField(required=False, allow_null=True, default=None)
    author_name = serializers.CharField(max_length=100, required=False, default="")
    title = serializers.CharField(max_length=200)
    abstract = serializers.CharField(max_length=4000)
    file = serializers.FileField(help_text=_("PDF, Word, WPS or OFD; checked by its content."))

    def __init__(self, *args, seminars=None, **kwargs):
        super().__init__(*args, **kwargs)
        if seminars is not None:
            self.fields["seminar"].queryset = seminars


class PaperReplaceSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    abstract = serializers.CharField(max_length=4000)
    file = serializers.FileField(required=False, help_text=_("Leave out to keep the current file."))


class BlindPaperSerializer(serializers.ModelSerializer):
    """What a reviewer reads of a paper; nothing that names its author."""

    code = serializers.CharField(read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["number", "code", "title", "abstract", "extension", "file_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, paper) -> str:
        return _absolute(self, "seminars:review-file", self.context["review_pk"][paper.pk])


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    points = serializers.IntegerField(min_value=0)


class ReviewSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:seminar-review-detail", lookup_url_kwarg="id")
    seminar = serializers.IntegerField(source="submission.seminar_id", read_only=True)
    paper = serializers.SerializerMethodField()
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "url", "seminar", "paper", "submitted_at", "total", "comment", "scores"]

    @extend_schema_field(BlindPaperSerializer)
    def get_paper(self, review) -> dict:
        context = {**self.context, "review_pk": {review.submission_id: review.pk}}
        return BlindPaperSerializer(review.submission, context=context).data


class ReviewScoreSerializer(serializers.Serializer):
    scores = ScoreSerializer(many=True, help_text=_("Points for every criterion of the rubric, 0 to its maximum."))
    comment = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
