"""/api/v1/pairing-recommendations/ and /api/v1/pairing-effect/.

Runs are county admins' and inspectors' to read (queries.runs_visible_to: others find none,
404); county admins start a run from a released round with k units per helper, decide its
rows (accept, reject, or swap the helper for one of the row's other candidates) and create
the pairings of the accepted rows. The effect compares helped units with comparable unhelped
lagging units between two released rounds, over the pairings the user sees."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from pacesetter.api.viewsets import ID_PATTERN, DomainViewSet, Listing, call
from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.queries import rounds_visible_to
from pacesetter.orgs.queries import organizations_visible_to

from .. import domain, effect
from .. import rules as p_rules
from ..queries import pairings_visible_to, rows_of, runs_visible_to, with_parties
from .serializers import (
    RecommendationCreateSerializer,
    RecommendationDecideSerializer,
    PairingEffectFilterSerializer,
    PairingEffectSerializer,
    PairingSerializer,
    RecommendationRowSerializer,
    RecommendationRunDetailSerializer,
    RecommendationRunSerializer,
    RecommendationRunWriteSerializer,
)

RUN_ERRORS = {"round_not_released": "round", "capacity": "k"}
ROW_ERRORS = {"decision": "row_decision", "not_candidate": "helper", "capacity_full": "helper"}


def _released(user):
    return rounds_visible_to(user).filter(state=RoundState.RELEASED, tally__isnull=False)


@extend_schema_view(list=extend_schema(summary=_("List recommendation runs, newest first")))
class RecommendationRunViewSet(Listing, DomainViewSet):
    """Recommended pairings (推荐结对): optimal helper → helped assignments computed from a
    released round's grades, kept for a county admin to review before any pairing exists."""

    serializer_class = RecommendationRunSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = p_rules.can_manage_pairings
    predicates = {"decide": p_rules.can_manage_pairings, "make_pairings": p_rules.can_manage_pairings}

    def get_queryset(self):
        return runs_visible_to(self.request.user).select_related("round").order_by("-created_at", "-id")

    def detail_body(self, run) -> dict:
        context = self.get_serializer_context() | {"rows": list(rows_of(run))}
        return RecommendationRunDetailSerializer(self.get_queryset().get(pk=run.pk), context=context).data

    @extend_schema(summary=_("Read a run with its rows, reasons and other candidates"),
                   responses=RecommendationRunDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        return Response(self.detail_body(self.get_object()))

    @extend_schema(summary=_("Run the recommendations of a released round"), request=RecommendationRunWriteSerializer,
                   responses={201: RecommendationRunDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(RecommendationRunWriteSerializer)
        round_ = _released(request.user).filter(pk=data["round"]).first()
        if round_ is None:
            raise serializers.ValidationError({"round": [_("Choose a released round you see.")]})
        run = call(domain.run_recommendations, round_, k=data["k"], by=request.user, errors=RUN_ERRORS)
        return self.created(self.detail_body(run))

    @extend_schema(
        summary=_("Accept or reject a row, or swap its helper"),
        description=_("Either `row_decision` (accepted, rejected, pending) or `helper`: the code of one of the "
                      "row's other candidates, which accepts the row."),
        request=RecommendationDecideSerializer, responses=RecommendationRowSerializer,
        parameters=[OpenApiParameter("row", str, OpenApiParameter.PATH, pattern=rf"^{ID_PATTERN}$",
                                    description=_("The row's id."))],
    )
    @action(detail=True, methods=["post"], url_path=rf"rows/(?P<row>{ID_PATTERN})/decide", url_name="decide")
    def decide(self, request, *args, **kwargs):
        run = self.get_object()
        row = get_object_or_404(run.rows.all(), pk=kwargs["row"])
        data = self.input(RecommendationDecideSerializer)
        if "helper" in data:
            helper = organizations_visible_to(request.user).filter(code=data["helper"]).first()
            ids = {a["helper"] for a in row.alternatives}
            if helper is None or helper.pk not in ids:
                raise serializers.ValidationError({"helper": [_("This helper is not a candidate for this unit.")]})
            call(domain.swap_helper, row, helper=helper, by=request.user, errors=ROW_ERRORS)
        else:
            call(domain.decide_row, row, decision=data["row_decision"], by=request.user, errors=ROW_ERRORS)
        return Response(RecommendationRowSerializer(rows_of(run).get(pk=row.pk)).data)

    @extend_schema(summary=_("Create the pairings of the accepted rows (closes the run)"),
                   request=RecommendationCreateSerializer, responses={201: PairingSerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="create", url_name="create-pairings")
    def make_pairings(self, request, *args, **kwargs):
        run = self.get_object()
        starts_on = self.input(RecommendationCreateSerializer).get("starts_on") or timezone.localdate()
        created = call(domain.create_pairings, run, starts_on=starts_on, by=request.user,
                       errors={"none_accepted": "non_field_errors"})
        pairings = with_parties(pairings_visible_to(request.user)).filter(pk__in=[p.pk for p in created])
        return Response(PairingSerializer(pairings.order_by("id"), many=True,
                                          context=self.get_serializer_context()).data, status=201)


class PairingEffectView(DomainViewSet):
    """The effect of helping (后进赶先进) as figures: the mean change in composite of the
    helped units and of comparable lagging units nobody helped, with 95 % intervals, the
    difference, the units and each helper's mean (the page draws the same figures)."""

    http_method_names = ["get", "head", "options"]
    pagination_class = None

    @extend_schema(summary=_("The effect of helping between two released rounds"),
                   parameters=[PairingEffectFilterSerializer], responses=PairingEffectSerializer)
    def list(self, request, *args, **kwargs):
        params = {k: v.strip() for k, v in request.query_params.dict().items() if v.strip()}
        filters = PairingEffectFilterSerializer(data=params)
        filters.is_valid(raise_exception=True)
        rounds = _released(request.user)
        before, after = effect.default_rounds(rounds)
        for name in ("earlier", "later"):
            if name in filters.validated_data:
                found = rounds.filter(pk=filters.validated_data[name]).first()
                if found is None:
                    raise serializers.ValidationError({name: [_("Choose a released round you see.")]})
                before, after = (found, after) if name == "earlier" else (before, found)
        if before is not None and after is not None and before.opens_at >= after.opens_at:
            raise serializers.ValidationError({"later": [_("The later round opens after the earlier one.")]})
        body = {"earlier": getattr(before, "pk", None), "later": getattr(after, "pk", None), "helped": [],
                "helped_summary": None, "control_summary": None, "difference": None, "by_helper": []}
        if before is not None and after is not None:
            result = effect.compute(before, after, pairings_visible_to(request.user))
            body |= {"helped": result.helped, "helped_summary": result.helped_summary,
                     "control_summary": result.control_summary, "difference": result.difference,
                     "by_helper": [{"helper": h["helper"], "units": len(h["units"]), "mean": h["mean"]}
                                   for h in result.by_helper]}
        return Response(PairingEffectSerializer(body).data)
