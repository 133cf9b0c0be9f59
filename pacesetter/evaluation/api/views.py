"""The evaluation endpoints under /api/v1/evaluation/: schemes, rounds, their subjects,
released results, tallies, and the ballot box the ballot page posts to.

Reads go through `rounds_visible_to` / `subjects_visible_to`, so a round nobody of the
user's view is evaluated in is a 404 exactly like a missing one; writes go through the
domain functions and are checked with the evaluation rules predicates (county admin).
"""
from __future__ import annotations

import logging

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from pacesetter.api.exceptions import call_domain
from pacesetter.api.pagination import Pagination
from pacesetter.api.schema import VALIDATION_ERROR_SCHEMA, ApiAutoSchema, ErrorSerializer
from pacesetter.api.views import ScopedViewSet
from pacesetter.core.errors import DomainError

from .. import domain, results, tasks
from .. import rules as ev_rules
from ..enums import RoundState
from ..models import (
    Round, RoundGroup, SubjectCells, SubjectResult, TallyJob, TallyJobState, TallyResult,
)
from ..queries import rounds_visible_to, schemes_visible_to, subjects_visible_to
from ..views.ballot import REFUSAL_STATUS
from .serializers import (
    BallotSerializer,
    RefusalSerializer,
    RoundSerializer,
    SchemeSerializer,
    SubjectResultSerializer,
    SubjectSerializer,
    TallySerializer,
)

log = logging.getLogger(__name__)

#: Ids in paths: digits only, so a stray suffix is a 404 from the resolver, not a 500.
ID_PATTERN = r"[0-9]{1,18}"


#: A 400's body when input has lists of items (indicators, groups, organisation codes): a
#: field's messages, or per item (by index) its own messages or fields and their messages.
NESTED_VALIDATION_ERROR_SCHEMA = VALIDATION_ERROR_SCHEMA


class EvaluationAutoSchema(ApiAutoSchema):
    def _error_responses(self) -> dict:
        errors = super()._error_responses()
        if "400" in errors:
            errors["400"] = OpenApiResponse(NESTED_VALIDATION_ERROR_SCHEMA, description=_("Invalid input."))
        return errors


class IdViewSet(ScopedViewSet):
    """The API's scoped viewset, addressed by numeric id instead of a code."""

    schema = EvaluationAutoSchema()
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = ID_PATTERN


@extend_schema_view(
    list=extend_schema(summary=_("List evaluation schemes")),
    retrieve=extend_schema(summary=_("Read an evaluation scheme with its indicators and voter groups")),
    create=extend_schema(summary=_("Create an evaluation scheme")),
    partial_update=extend_schema(summary=_("Change an evaluation scheme no opened round uses")),
)
class SchemeViewSet(IdViewSet):
    """Evaluation schemes: what is asked (indicators with scales, points and weights) and who
    answers with what weight (voter groups). Every user with a role reads them; only county
    admins create, change or activate them, and a scheme used by a round that has opened
    can no longer change."""

    serializer_class = SchemeSerializer

    def get_queryset(self):
        opened = Round.objects.filter(scheme=OuterRef("pk")).exclude(state=RoundState.DRAFT)
        return (
            schemes_visible_to(self.request.user).annotate(locked=Exists(opened))
            .prefetch_related("indicators", "groups")
            .order_by("name", "id")
        )

    def may_create(self, user) -> bool:
        return ev_rules.can_manage_schemes(user)

    def may_change(self, user, obj) -> bool:
        return ev_rules.can_manage_schemes(user)

    @extend_schema(summary=_("Activate a draft scheme, so rounds can use it"), request=None, responses=SchemeSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, *args, **kwargs):
        scheme = self.get_object()
        call_domain(domain.activate_scheme, scheme, by=request.user)
        return Response(self.fresh(scheme))


class ResultsPagination(Pagination):
    """A page of subject results, headed by the fingerprint of the ballot set they count."""

    tally: TallyResult | None = None

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {
            "fingerprint": self.tally.fingerprint,
            "ballots": self.tally.ballots,
            "tallied_at": serializers.DateTimeField().to_representation(self.tally.tallied_at),
            **response.data,
        }
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["fingerprint", "ballots", "tallied_at", *paginated.get("required", [])]
        paginated["properties"] = {
            "fingerprint": {"type": "string", "description": str(_("SHA-256 of the sorted ballot set counted."))},
            "ballots": {"type": "integer", "description": str(_("Ballots counted in the whole round."))},
            "tallied_at": {"type": "string", "format": "date-time"},
            **paginated["properties"],
        }
        return paginated


@extend_schema_view(
    list=extend_schema(summary=_("List evaluation rounds")),
    retrieve=extend_schema(summary=_("Read an evaluation round with its voter groups and state")),
    create=extend_schema(summary=_("Create an evaluation round with its subjects and voter groups")),
    partial_update=extend_schema(summary=_("Change a draft round's settings and grading rules")),
)
class RoundViewSet(IdViewSet):
    """Evaluation rounds in which at least one subject lies in your view (county admins
    also see rounds that have no subjects yet). A round moves draft → open → closed →
    released through its actions, county admins only. Its results are readable once
    released, and then only for the subjects you see."""

    serializer_class = RoundSerializer

    def get_queryset(self):
        user = self.request.user
        visible = subjects_visible_to(user).filter(round=OuterRef("pk")).order_by().values("round")
        count = visible.annotate(n=Count("pk")).values("n")
        return (
            rounds_visible_to(user).annotate(visible_subjects=Coalesce(Subquery(count, output_field=IntegerField()), 0))
            .select_related("scheme")
            .prefetch_related(Prefetch("round_groups", queryset=RoundGroup.objects.select_related("voter_group")))
            .order_by("-opens_at", "-id")
        )

    def may_create(self, user) -> bool:
        return ev_rules.can_manage_rounds(user)

    def may_change(self, user, obj) -> bool:
        return ev_rules.can_manage_rounds(user)

    def _step(self, fn):
        round_ = self.get_object()
        call_domain(fn, round_, by=self.request.user)
        return Response(self.fresh(round_))

    @extend_schema(summary=_("Open a draft round: its setup locks and ballots are taken"), request=None)
    @action(detail=True, methods=["post"], url_path="open", url_name="open")
    def open_(self, request, *args, **kwargs):
        return self._step(domain.open_round)

    @extend_schema(
        summary=_("Close an open round"),
        description=_("Ballots are rewritten in random order under fresh ids and the tokens reduced to counts."),
        request=None,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, *args, **kwargs):
        return self._step(domain.close_round)

    @extend_schema(summary=_("Release a closed round's results"), request=None)
    @action(detail=True, methods=["post"])
    def release(self, request, *args, **kwargs):
        return self._step(domain.release_results)

    @extend_schema(summary=_("List the round's subjects you see"), responses=SubjectSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=SubjectSerializer)
    def subjects(self, request, *args, **kwargs):
        round_ = self.get_object()
        subjects = (
            subjects_visible_to(request.user).filter(round=round_)
            .select_related("organization", "member")
            .order_by("organization__path", F("member__code").asc(nulls_first=True), "id")
        )
        page = self.paginate_queryset(subjects)
        return self.get_paginated_response(SubjectSerializer(page, many=True).data)

    @extend_schema(
        summary=_("Read a released round's results for the subjects you see"),
        description=_(
            "Until the results are released and counted this is a 404, except for county admins, who get a 403. "
            "Subjects are ordered by county-wide rank; those not ranked (insufficient sample) come last."
        ),
        responses={
            200: SubjectResultSerializer(many=True),
            403: OpenApiResponse(ErrorSerializer, description=_("Not released yet (county admins).")),
        },
    )
    @action(detail=True, methods=["get"], serializer_class=SubjectResultSerializer, pagination_class=ResultsPagination)
    def results(self, request, *args, **kwargs):
        round_ = self.get_object()
        tally = results.released_tally(round_)
        if tally is None:
            if not ev_rules.can_manage_rounds(request.user):
                raise Http404
            if round_.state != RoundState.RELEASED:
                raise PermissionDenied(_("The results of this round have not been released yet."))
            raise PermissionDenied(_("The ballots of this round have not been counted yet."))
        rows = results.sorted_results(results.subject_results_visible_to(request.user, tally), results.DEFAULT_SORT)
        page = self.paginate_queryset(rows)
        _attach_cells(page, tally)
        self.paginator.tally = tally
        context = {"record_indicators": results.record_indicators(round_)}
        return self.get_paginated_response(SubjectResultSerializer(page, many=True, context=context).data)

    @extend_schema(
        methods=["GET"],
        summary=_("Read the round's count and the latest count job (county admins and inspectors)"),
        responses={
            200: TallySerializer,
            403: OpenApiResponse(ErrorSerializer, description=_("Only county admins and inspectors read tallies.")),
        },
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Count a closed round's ballots (again)"),
        description=_(
            "A round of fewer than 200,000 answers is counted within the request (200); a bigger one is queued "
            "for the background worker (202): follow its job here. A recount replaces the stored results; an "
            "unchanged fingerprint shows that the ballots did not change."
        ),
        request=None,
        responses={200: TallySerializer, 202: TallySerializer},
    )
    @action(detail=True, methods=["get", "post"], serializer_class=TallySerializer)
    def tally(self, request, *args, **kwargs):
        round_ = self.get_object()
        if request.method == "POST":
            job = call_domain(tasks.request_tally, round_, by=request.user)
            if job.state == TallyJobState.FAILED:
                raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [job.message]})
            done = job.state == TallyJobState.DONE
            return Response(
                _tally_status(round_, job), status=status.HTTP_200_OK if done else status.HTTP_202_ACCEPTED
            )
        if not ev_rules.can_read_counts(request.user):
            raise PermissionDenied(_("Only county admins and inspectors read tallies."))
        job = TallyJob.objects.filter(round=round_).order_by("-created_at", "-id").first()
        data = _tally_status(round_, job)
        if job is None and data["fingerprint"] is None:
            raise Http404  # never counted nor asked to be
        return Response(data)


def _attach_cells(rows: list[SubjectResult], tally: TallyResult) -> None:
    """Each result's cells, with two queries for the whole page (groups, cells)."""
    kinds = dict(RoundGroup.objects.filter(round_id=tally.round_id).values_list("pk", "voter_group__kind"))
    by_subject: dict[int, list[results.IndicatorCell]] = {r.subject_id: [] for r in rows}
    for packed in SubjectCells.objects.filter(tally=tally, subject_id__in=list(by_subject)):
        cells = results.unpack_cells(packed)
        for cell in cells:
            cell.group_kind = kinds[cell.group_id]
        by_subject[packed.subject_id] = cells
    for row in rows:
        row.cells = by_subject[row.subject_id]


def _tally_status(round_: Round, job: TallyJob | None) -> dict:
    """The round's stored count, summed up (nulls before the first count), and `job`."""
    tally = TallyResult.objects.filter(round=round_).first()
    summary = dict.fromkeys(("fingerprint", "ballots", "answers", "tallied_at", "subjects", "insufficient", "flagged"))
    if tally is not None:
        summary |= SubjectResult.objects.filter(tally=tally).aggregate(
            subjects=Count("pk"),
            insufficient=Count("pk", filter=Q(insufficient_sample=True)),
            flagged=Count("pk", filter=Q(dissatisfied_flag=True)),
        )
        summary |= {
            "fingerprint": tally.fingerprint, "ballots": tally.ballots, "answers": tally.answers,
            "tallied_at": tally.tallied_at,
        }
    return TallySerializer({**summary, "job": job}).data


class BallotSchema(ApiAutoSchema):
    """The ballot box answers no 401 (it takes no login) but refusals of its own."""

    def _error_responses(self) -> dict:
        def refusal(text):
            return OpenApiResponse(RefusalSerializer, description=text)

        return {
            "400": refusal(_("A missing or out-of-scale answer, or a body that is not a ballot.")),
            "403": refusal(_("Voting in this round has not started yet.")),
            "404": refusal(_("The ballot code is not valid.")),
            "410": refusal(_("The ballot code was used or replaced, or voting has closed or ended.")),
            "429": OpenApiResponse(ErrorSerializer, description=_("Too many requests; try again later.")),
        }


def _answers(raw: dict) -> dict:
    """Indicator ids from the JSON object's keys; anything else is left for the domain to refuse."""
    return {int(key) if key.isascii() and key.isdigit() else key: value for key, value in raw.items()}


class BallotView(APIView):
    """Cast a secret ballot with its one-time ballot code (token), as the ballot page does,
    without a page load. No login, session or CSRF token is needed: the code authorises the
    ballot. Refusals carry the message and its code: 404 an unknown code; 410 a code used or
    replaced, or voting closed or ended; 403 voting not started; 400 a missing or
    out-of-scale answer. Nothing is recorded on a refusal."""

    # No authentication, so no session and no CSRF check, for the reasons of views/ballot.py:
    # a forged request would have to carry the token, and whoever has it may vote anyway.
    # The body holds the token: nothing here logs it, and an unexpected error is logged
    # without the request.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    # Its own rate: a meeting behind one NAT votes at once, far above the anonymous rate.
    throttle_scope = "ballot"
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    schema = BallotSchema()

    @extend_schema(
        summary=_("Cast a ballot with a ballot code"),
        request=BallotSerializer,
        responses={201: OpenApiResponse(description=_("The ballot was recorded; the body is empty."))},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        try:
            response = self._cast(request)
        except APIException:
            raise
        except Exception:
            # Django would log the failure with the request; keep the body (the token) out.
            log.exception("The ballot endpoint failed")
            response = Response({"detail": _("The ballot could not be recorded; please try again.")}, status=500)
            response._has_been_logged = True  # logged just now; once is enough
        response["Cache-Control"] = "no-store"
        return response

    def _cast(self, request) -> Response:
        data = request.data
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            return Response(
                {"detail": _("Send a JSON object with the ballot code (token) and the answers."), "code": "invalid"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            domain.cast_ballot(data.get("token"), _answers(data["answers"]))
        except DomainError as error:
            return Response(
                {"detail": error.messages[0], "code": error.code}, status=REFUSAL_STATUS.get(error.code, 400)
            )
        return Response(status=status.HTTP_201_CREATED)
