"""The commitment endpoints under /api/v1/commitments/: pledges, their items with the
timeline and evidence, and public feedback for its moderators (the dashboard's figures
are in dashboard.py).

Reads go through `commitments_visible_to` / `items_visible_to` / `feedback_visible_to`, so
what a user may not see is a 404 exactly like what does not exist. Each action is checked
with the commitments rules predicate the pages use (403 when it says no) and carried out
by its domain function, whose refusals are 400s naming the field.
"""
from __future__ import annotations

from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from pacesetter.api.exceptions import api_errors
from pacesetter.api.schema import VALIDATION_ERROR_SCHEMA, ApiAutoSchema
from pacesetter.api.views import ScopedViewSet
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import role_assignments

from .. import domain
from .. import rules as c_rules
from ..models import Commitment, CommitmentItem
from ..queries import (
    annotate_delivery,
    commitments_visible_to,
    feedback_visible_to,
    items_visible_to,
    public_timeline,
    timeline,
    today,
)
from .serializers import (
    CommitmentCreateSerializer,
    CommitmentFilterSerializer,
    CommitmentSerializer,
    FeedbackFilterSerializer,
    FeedbackSerializer,
    ItemFilterSerializer,
    ItemInputSerializer,
    ItemSerializer,
    JudgeSerializer,
    ModerateSerializer,
    OutcomeSerializer,
    ProgressSerializer,
    ReturnSerializer,
    VersionSerializer,
)

ITEM_FIELDS = ("content", "target", "deadline", "category", "goal")
#: Ids in paths: digits only, so a stray suffix is a 404 from the resolver, not a 500.
ID_PATTERN = r"[0-9]{1,18}"




class CommitmentsAutoSchema(ApiAutoSchema):
    """Every GET here takes query parameters that can be invalid (filters, the campaign)."""

    def _error_responses(self) -> dict:
        errors = super()._error_responses()
        errors["400"] = OpenApiResponse(VALIDATION_ERROR_SCHEMA, description=_("Invalid input."))
        return errors


class IdViewSet(ScopedViewSet):
    """The API's scoped viewset, addressed by numeric id; each action names its predicate in
    `predicates` (no predicate: nothing may be changed)."""

    schema = CommitmentsAutoSchema()
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = ID_PATTERN
    predicates: dict = {}

    def subject_commitment(self, obj) -> Commitment:
        return obj

    def may_change(self, user, obj) -> bool:
        predicate = self.predicates.get(self.action)
        return predicate is not None and bool(predicate(user, self.subject_commitment(obj)))

    def input(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def field_of(code: str | None, fields) -> str | None:
    """The input field a domain refusal is about, read from its code: `deadline_outside` is
    about `deadline`, an evidence file's refusal (`file_type`, `too_many_files`) about `files`."""
    code = code or ""
    if "files" in fields and (code.startswith("file_") or code == "too_many_files"):
        return "files"
    return next((f for f in fields if code == f or code.startswith(f"{f}_")), None)


def call(fn, *args, fields=(), **kwargs):
    """`call_domain`, with a refusal filed under the input field it names."""
    try:
        return fn(*args, **kwargs)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        field = field_of(getattr(exc, "code", None), fields) or api_settings.NON_FIELD_ERRORS_KEY
        raise serializers.ValidationError(api_errors(exc, default_field=field)) from exc


def _items_prefetch() -> Prefetch:
    items = annotate_delivery(CommitmentItem.objects.select_related("goal"), today()).order_by("order", "id")
    return Prefetch("items", queryset=items)


def _reads_drafts(user, commitment: Commitment) -> bool:
    """Whoever may see the pledge as a draft (its writers, reviewers, inspectors) reads an
    item's whole timeline; everyone else the versions since it was published."""
    if c_rules.is_owner(user, commitment) or c_rules.is_reviewer(user, commitment):
        return True
    path = commitment.organization.path
    return any(a.role == Role.INSPECTOR and path.startswith(a.organization.path) for a in role_assignments(user))


@extend_schema_view(
    list=extend_schema(summary=_("List public commitments (pledges)"), parameters=[CommitmentFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a pledge with its items")),
)
class CommitmentViewSet(IdViewSet):
    """Pledges of organisations and members for a campaign. Published ones are read by
    everyone who sees the organisation; drafts and pledges under review by their writers,
    the superior organisations' admins and inspectors. A pledge is written as a draft,
    submitted, then approved (published) or returned by a superior's admin."""

    serializer_class = CommitmentSerializer
    filter_serializer_class = CommitmentFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    predicates = {
        "submit": c_rules.can_edit_commitment,
        "add_item": c_rules.can_edit_commitment,
        "approve": c_rules.can_review_commitment,
        "return_": c_rules.can_review_commitment,
        "judge": c_rules.can_judge_delivery,
    }

    def get_queryset(self):
        return (
            commitments_visible_to(self.request.user)
            .select_related("campaign", "organization", "member__user", "superior_review__by_organization")
            .prefetch_related(_items_prefetch())
            .order_by("campaign_id", "organization__path", F("member__name").asc(nulls_first=True), "id")
        )

    def may_create(self, user) -> bool:
        return True  # start_commitment decides: the organisation's admins, or the member themself

    def apply_filters(self, queryset, filters):
        if campaign := filters.get("campaign"):
            queryset = queryset.filter(campaign=campaign)
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if org := filters.get("org"):
            queryset = queryset.filter(organization=org)
        if member := filters.get("member"):
            queryset = queryset.filter(member=member)
        return queryset

    @extend_schema(
        summary=_("Start the draft pledge of an organisation or a member"),
        description=_("Answers 201 with a new draft, or 200 with the pledge already started for that campaign."),
        request=CommitmentCreateSerializer,
        responses={201: CommitmentSerializer, 200: CommitmentSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = self.input(CommitmentCreateSerializer)
        org, member = data.get("org_code"), data.get("member_code")
        owner = {"organization": org.pk, "member": None} if org is not None else {"member": member.pk}
        existed = Commitment.objects.filter(campaign=data["campaign"], **owner).exists()
        commitment = call(
            domain.start_commitment, data["campaign"], by=request.user, organization=org, member=member,
            fields=("campaign",),
        )
        body = self.fresh(commitment)
        if existed:
            return Response(body)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})

    def _step(self, fn, serializer_class=None):
        commitment = self.get_object()
        data = dict(self.input(serializer_class)) if serializer_class else {}
        call(fn, commitment, by=self.request.user, fields=list(data), **data)
        return Response(self.fresh(commitment))

    @extend_schema(summary=_("Submit a draft or returned pledge for review"), request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        return self._step(domain.submit_commitment)

    @extend_schema(summary=_("Approve a submitted pledge: it is published"), request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        return self._step(domain.approve_commitment)

    @extend_schema(summary=_("Return a submitted pledge to its authors with the reason"), request=ReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, *args, **kwargs):
        return self._step(domain.return_commitment, ReturnSerializer)

    @extend_schema(
        summary=_("Judge the delivery of a published organisation's pledge (评诺)"),
        description=_("A second judgement replaces the first."),
        request=JudgeSerializer,
    )
    @action(detail=True, methods=["post"])
    def judge(self, request, *args, **kwargs):
        commitment = self.get_object()
        data = self.input(JudgeSerializer)
        call(domain.review_delivery, commitment, by=request.user, judgement=data["judgement"],
             comment=data.get("comment", ""), fields=("judgement", "comment"))
        return Response(self.fresh(commitment))

    @extend_schema(
        summary=_("Add an item to a draft or returned pledge"), request=ItemInputSerializer,
        responses={201: ItemSerializer},
    )
    @action(detail=True, methods=["post"], url_path="items", url_name="items")
    def add_item(self, request, *args, **kwargs):
        commitment = self.get_object()
        data = self.input(ItemInputSerializer)
        item = call(domain.add_item, commitment, by=request.user, goal=data.pop("goal", None), fields=ITEM_FIELDS,
                    **data)
        body = ItemSerializer(_item_queryset(request.user).get(pk=item.pk), context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})


def _item_queryset(user):
    return (
        annotate_delivery(items_visible_to(user), today())
        .select_related("commitment__organization", "commitment__member__user", "goal")
    )


@extend_schema_view(
    list=extend_schema(summary=_("List commitment items"), parameters=[ItemFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a commitment item")),
    partial_update=extend_schema(
        summary=_("Change an item of a draft or returned pledge"), request=ItemInputSerializer,
        responses=ItemSerializer,
    ),
)
class ItemViewSet(IdViewSet):
    """The items of the pledges you see, each with its delivery status. While a pledge is a
    draft (or returned) its items change freely; once it is published only progress
    updates with evidence and outcomes are recorded, each a new version of the timeline."""

    serializer_class = ItemSerializer
    filter_serializer_class = ItemFilterSerializer
    predicates = {
        "partial_update": c_rules.can_edit_commitment,
        "remove": c_rules.can_edit_commitment,
        "progress": c_rules.can_report_delivery,
        "outcome": c_rules.can_report_delivery | c_rules.can_reopen_item,
    }

    def get_queryset(self):
        return _item_queryset(self.request.user).order_by(
            "commitment__campaign_id", "commitment__organization__path",
            F("commitment__member__name").asc(nulls_first=True), "commitment_id", "order", "id",
        )

    def subject_commitment(self, obj) -> Commitment:
        return obj.commitment

    def apply_filters(self, queryset, filters):
        if "commitment" in filters:
            queryset = queryset.filter(commitment_id=filters["commitment"])
        if campaign := filters.get("campaign"):
            queryset = queryset.filter(commitment__campaign=campaign)
        if org := filters.get("org"):
            queryset = queryset.filter(commitment__organization=org)
        if "status" in filters:
            queryset = queryset.filter(delivery=filters["status"])
        return queryset

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        data = self.input(ItemInputSerializer, partial=True)
        call(domain.update_item, item, by=request.user, fields=ITEM_FIELDS, **data)
        return Response(self.fresh(item))

    @extend_schema(
        summary=_("Remove an item of a pledge never yet submitted"), request=None,
        responses={204: OpenApiResponse(description=_("The item was removed; the body is empty."))},
    )
    @action(detail=True, methods=["post"])
    def remove(self, request, *args, **kwargs):
        call(domain.remove_item, self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Report progress on an item of a published pledge, with evidence files"),
        description=_(
            "multipart/form-data: progress, note and any number of `files` (at most 10). Each file is checked by "
            "its content; a refused file leaves the item unchanged."
        ),
        request={"multipart/form-data": ProgressSerializer},
        responses={201: VersionSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def progress(self, request, *args, **kwargs):
        item = self.get_object()
        data = self.input(ProgressSerializer)
        version = call(
            domain.report_progress, item, by=request.user, progress=data["progress"], note=data["note"],
            files=data.get("files", []), fields=("progress", "note", "files"),
        )
        version = timeline(item).get(pk=version.pk)
        return Response(VersionSerializer(version, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Record an item's outcome: delivered, not delivered, or reopened"),
        request=OutcomeSerializer, responses={201: VersionSerializer},
    )
    @action(detail=True, methods=["post"])
    def outcome(self, request, *args, **kwargs):
        item = self.get_object()
        data = self.input(OutcomeSerializer)
        version = call(domain.record_outcome, item, by=request.user, outcome=data["outcome"], note=data["note"],
                       fields=("outcome", "note"))
        version = timeline(item).get(pk=version.pk)
        return Response(VersionSerializer(version, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Read an item's timeline: every version, newest first, with its evidence"),
        description=_("Before publication the versions are seen only by those who may see the draft."),
        responses=VersionSerializer(many=True),
    )
    @action(detail=True, methods=["get"], serializer_class=VersionSerializer)
    def timeline(self, request, *args, **kwargs):
        item = self.get_object()
        versions = timeline(item) if _reads_drafts(request.user, item.commitment) else public_timeline(item)
        page = self.paginate_queryset(versions)
        return self.get_paginated_response(VersionSerializer(page, many=True, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary=_("List public feedback to moderate"), parameters=[FeedbackFilterSerializer]),
    retrieve=extend_schema(summary=_("Read one piece of public feedback")),
)
class FeedbackViewSet(IdViewSet):
    """Feedback and objections the public left on published pledges, newest first: for the
    admins of the pledging organisation and those above it, who moderate them, and for
    inspectors. The contact a sender left is never shown."""

    serializer_class = FeedbackSerializer
    filter_serializer_class = FeedbackFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    predicates = {"moderate": c_rules.can_moderate_feedback}

    def get_queryset(self):
        return (
            feedback_visible_to(self.request.user)
            .select_related("commitment__organization", "commitment__member")
            .order_by("-created_at", "-id")
        )

    def subject_commitment(self, obj) -> Commitment:
        return obj.commitment

    def apply_filters(self, queryset, filters):
        for name in ("status", "kind"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        if "commitment" in filters:
            queryset = queryset.filter(commitment_id=filters["commitment"])
        return queryset

    @extend_schema(summary=_("Show feedback on the public page, or keep it off with a reason"),
                   request=ModerateSerializer)
    @action(detail=True, methods=["post"])
    def moderate(self, request, *args, **kwargs):
        feedback = self.get_object()
        data = self.input(ModerateSerializer)
        call(domain.moderate_feedback, feedback, by=request.user, show=data["show"], reason=data.get("reason", ""),
             reply=data.get("reply", ""), fields=("reason", "reply"))
        return Response(self.fresh(feedback))
