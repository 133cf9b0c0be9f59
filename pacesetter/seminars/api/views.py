"""/api/v1/seminars/, /api/v1/seminar-papers/ and /api/v1/seminar-reviews/: theory seminars,
their papers (with authors: for county admins and the papers' organisation admins) and the
reviewers' blind reviews. Reads go through the visibility queries (outside: 404), writes
through the domain functions after a rules check (refused: 403)."""
from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import (
    DomainViewSet,
    Listing,
    Reading,
    call,
)

from .. import domain
from .. import rules as s_rules
from ..enums import SeminarState
from ..queries import (
    proceedings,
    reviews_visible_to,
    seminars_visible_to,
    submissions_visible_to,
    users_named,
)
from .serializers import (
    AssignedSerializer,
    AssignSerializer,
    PaperFilterSerializer,
    PaperReplaceSerializer,
    PaperSerializer,
    PaperSubmitSerializer,
    PublishSerializer,
    ResultSerializer,
    ReviewScoreSerializer,
    ReviewSerializer,
    SeminarCreateSerializer,
    SeminarFilterSerializer,
    SeminarSerializer,
)

#: The field each domain refusal is filed under.
PAPER_ERRORS = {"window_closed": "seminar", "member_outside": "member_code", "file_*": "file", "required": "title",
                "too_long": "title", "withdrawn": "non_field_errors"}


@extend_schema_view(
    list=extend_schema(summary=_("List theory seminars"), parameters=[SeminarFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a theory seminar with its rubric")),
)
class SeminarViewSet(Listing, Reading, DomainViewSet):
    """Theory seminars (理论成果研讨会), newest first: drafts for county admins, the rest for
    everyone with a role and for their reviewers. County admins create them, open the call,
    assign reviewers, start the review and publish the results."""

    serializer_class = SeminarSerializer
    filter_serializer_class = SeminarFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = s_rules.can_manage_seminars
    predicates = dict.fromkeys(("open", "start_review", "assign", "publish"), s_rules.can_manage_seminars)

    def get_queryset(self):
        return seminars_visible_to(self.request.user).prefetch_related("criteria").order_by("-opens_on", "-id")

    def apply_filters(self, queryset, filters):
        return queryset.filter(state=filters["state"]) if "state" in filters else queryset

    @extend_schema(summary=_("Create a draft seminar with its rubric"), request=SeminarCreateSerializer,
                   responses={201: SeminarSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(SeminarCreateSerializer)
        criteria = [(line["name"], line["max_points"]) for line in data.pop("criteria")]
        seminar = call(domain.create_seminar, by=request.user, criteria=criteria, **data,
                       errors={"window_order": "closes_on", "reviews_due_order": "reviews_due",
                               "rubric_*": "criteria", "criterion_*": "criteria"})
        return self.created(self.fresh(seminar))

    def _step(self, fn):
        seminar = self.get_object()
        call(fn, seminar, by=self.request.user)
        return Response(self.fresh(seminar))

    @extend_schema(summary=_("Open the call for papers"), request=None, responses=SeminarSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, *args, **kwargs):
        return self._step(domain.open_call)

    @extend_schema(summary=_("Start the review once the submission window has closed"), request=None,
                   responses=SeminarSerializer)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, *args, **kwargs):
        return self._step(domain.start_review)

    @extend_schema(summary=_("Assign reviewers to the papers in turn"), request=AssignSerializer,
                   responses=AssignedSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, *args, **kwargs):
        seminar = self.get_object()
        data = self.input(AssignSerializer)
        users, unknown = users_named(data["reviewers"])
        if unknown:
            raise serializers.ValidationError({"reviewers": [_("No active user is called: %(names)s")
                                                             % {"names": ", ".join(unknown)}]})
        made = call(domain.auto_assign, seminar, by=request.user, reviewers=users, per_paper=data["per_paper"],
                    errors={"conflict": "reviewers", "per_paper": "per_paper"})
        return Response({"assigned": made})

    @extend_schema(summary=_("Rank the papers, give the awards and publish the proceedings"),
                   request=PublishSerializer, responses=SeminarSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        seminar = self.get_object()
        data = self.input(PublishSerializer)
        call(domain.publish_results, seminar, by=request.user, awards=data, errors={"award_count": "first"})
        return Response(self.fresh(seminar))

    @extend_schema(summary=_("The published proceedings: rank, award, title, author, organisation"),
                   responses=ResultSerializer(many=True))
    @action(detail=True, methods=["get"])
    def results(self, request, *args, **kwargs):
        seminar = self.get_object()
        if seminar.state != SeminarState.PUBLISHED:
            raise Http404
        return self.paginated(proceedings(seminar), ResultSerializer)


@extend_schema_view(
    list=extend_schema(summary=_("List papers of your organisations"), parameters=[PaperFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a paper with its author")),
)
class PaperViewSet(Listing, Reading, DomainViewSet):
    """Papers with their authors and organisations: for county admins and the admins of the
    paper's organisation, who submit (multipart), replace and withdraw them while the
    submission window is open. Reviewers read papers through their reviews instead."""

    serializer_class = PaperSerializer
    filter_serializer_class = PaperFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [MultiPartParser, JSONParser]
    predicates = {"withdraw": s_rules.can_change_submission, "replace": s_rules.can_change_submission}

    def may_create(self, user) -> bool:
        return s_rules.can_submit_for(user, None)

    def get_queryset(self):
        return submissions_visible_to(self.request.user).select_related("organization", "member").order_by(
            "seminar_id", "number")

    def apply_filters(self, queryset, filters):
        if "seminar" in filters:
            queryset = queryset.filter(seminar=filters["seminar"])
        if "paper_status" in filters:
            queryset = queryset.filter(status=filters["paper_status"])
        return queryset

    @extend_schema(summary=_("Submit a paper for an organisation"),
                   request={"multipart/form-data": PaperSubmitSerializer}, responses={201: PaperSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(PaperSubmitSerializer, seminars=seminars_visible_to(request.user))
        paper = call(domain.submit_paper, data["seminar"], by=request.user, organization=data["org_code"],
                     member=data["member_code"], author_name=data["author_name"], title=data["title"],
                     abstract=data["abstract"], document=data["file"], errors=PAPER_ERRORS)
        return self.created(self.fresh(paper))

    @extend_schema(summary=_("Change a paper's title and abstract, and replace its file"),
                   request={"multipart/form-data": PaperReplaceSerializer}, responses=PaperSerializer)
    @action(detail=True, methods=["post"])
    def replace(self, request, *args, **kwargs):
        paper = self.get_object()
        data = self.input(PaperReplaceSerializer)
        call(domain.replace_paper, paper, by=request.user, title=data["title"], abstract=data["abstract"],
             document=data.get("file"), errors=PAPER_ERRORS)
        return Response(self.fresh(paper))

    @extend_schema(summary=_("Withdraw a paper"), request=None, responses=PaperSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        paper = self.get_object()
        call(domain.withdraw_paper, paper, by=request.user, errors=PAPER_ERRORS)
        return Response(self.fresh(paper))


@extend_schema_view(
    list=extend_schema(summary=_("List your reviews (blind: papers by number)")),
    retrieve=extend_schema(summary=_("Read a review and its paper, without the author")),
)
class ReviewViewSet(Listing, Reading, DomainViewSet):
    """Reviews, blind: the paper by its number, title, abstract and a link to its file under
    a neutral name; never the author or the organisation. Reviewers read and score their own;
    county admins read all."""

    serializer_class = ReviewSerializer
    http_method_names = ["get", "post", "head", "options"]
    predicates = {"score": s_rules.is_reviewer}

    def get_queryset(self):
        return reviews_visible_to(self.request.user).select_related("submission").prefetch_related(
            "scores").order_by("-submission__seminar_id", "submission__number", "id")

    @extend_schema(summary=_("Score the paper on every criterion of the rubric"), request=ReviewScoreSerializer,
                   responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, *args, **kwargs):
        review = self.get_object()
        data = self.input(ReviewScoreSerializer)
        scores = {line["criterion_id"]: line["points"] for line in data["scores"]}
        call(domain.submit_review, review, by=request.user, scores=scores, comment=data["comment"],
             errors={"points": "scores", "scores_incomplete": "scores", "too_long": "comment"})
        return Response(self.fresh(review))
