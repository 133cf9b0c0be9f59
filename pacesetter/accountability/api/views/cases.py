"""/api/v1/escalation-ladder/, /api/v1/supervision-notices/ and /api/v1/accountability-cases/:
the county's ladder, supervision notices (督办) and accountability cases (效能问责) with
their sanctions.

Notices and cases are read through `notices_visible_to` / `cases_visible_to`: county admins
and inspectors see those of the units in their subtrees, unit admins their own units' (to
answer them), a leader those of their own tasks; anything else is a 404.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from pacesetter.api.permissions import CanEdit
from pacesetter.api.views import ApiView
from pacesetter.api.viewsets import (
    DomainViewSet,
    Listing,
    Reading,
    RowErrorsAutoSchema,
    call,
)
from pacesetter.orgs.queries import subtree_q

from ... import domain
from ... import rules as a_rules
from ...models import CaseSanction, EscalationStep
from ...queries import cases_visible_to, notices_visible_to
from ..serializers import (
    AccountabilityCaseSerializer,
    CaseCloseSerializer,
    CaseFilterSerializer,
    CaseFindingsSerializer,
    CaseOpenSerializer,
    CaseResponseSerializer,
    CaseSanctionSerializer,
    EscalationLadderSerializer,
    NoticeAnswerSerializer,
    NoticeFilterSerializer,
    NoticeIssueSerializer,
    SanctionAddSerializer,
    SupervisionNoticeSerializer,
)

LADDER_ERRORS = dict.fromkeys(("ladder_empty", "ladder_long", "step_days", "step_action", "step_duplicate"), "steps")


class EscalationLadderView(ApiView, GenericAPIView):
    """The county's escalation ladder: so many days late → reminder, supervision notice or
    case; `pacesetter escalate` applies it every day. Everyone signed in reads it; county
    admins replace it (steps no longer named go out of force)."""

    serializer_class = EscalationLadderSerializer
    parser_classes = [JSONParser]
    schema = RowErrorsAutoSchema()

    def ladder(self) -> Response:
        steps = EscalationStep.objects.filter(is_active=True).order_by("days_late")
        return Response(EscalationLadderSerializer({"steps": steps}).data)

    @extend_schema(summary=_("Read the escalation ladder"))
    def get(self, request, *args, **kwargs):
        return self.ladder()

    @extend_schema(summary=_("Replace the escalation ladder"))
    def put(self, request, *args, **kwargs):
        if not a_rules.can_manage_tasks.test(request.user):
            raise PermissionDenied(CanEdit.message)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = [dict(step) for step in serializer.validated_data["steps"]]
        call(domain.set_ladder, rows, by=request.user, errors=LADDER_ERRORS)
        return self.ladder()


@extend_schema_view(
    list=extend_schema(summary=_("List supervision notices"), parameters=[NoticeFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a supervision notice")),
)
class SupervisionNoticeViewSet(Listing, Reading, DomainViewSet):
    """Supervision notices (督办) to a key task's lead unit and leader, newest first, issued
    by the escalation ladder or by county admins and inspectors; the unit's admins answer."""

    serializer_class = SupervisionNoticeSerializer
    filter_serializer_class = NoticeFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = a_rules.can_supervise
    predicates = {"answer": a_rules.can_answer_for}

    def get_queryset(self):
        return notices_visible_to(self.request.user).select_related("task", "organization").order_by(
            "-issued_at", "-id"
        )

    def apply_filters(self, queryset, filters):
        for name in ("status", "task"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        return queryset

    @extend_schema(summary=_("Issue a supervision notice on a key task"), request=NoticeIssueSerializer,
                   responses={201: SupervisionNoticeSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(NoticeIssueSerializer)
        notice = call(domain.issue_notice, data["task"], by=request.user, text=data["text"],
                      respond_by=data.get("respond_by"),
                      errors={"required": "text", "too_long": "text", "respond_by_past": "respond_by"})
        return self.created(self.fresh(notice))

    @extend_schema(summary=_("Answer a supervision notice for the unit"), request=NoticeAnswerSerializer,
                   responses=SupervisionNoticeSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, *args, **kwargs):
        notice = self.get_object()
        data = self.input(NoticeAnswerSerializer)
        call(domain.answer_notice, notice, by=request.user, response=data["response"],
             errors={"required": "response", "too_long": "response"})
        return Response(self.fresh(notice))


@extend_schema_view(
    list=extend_schema(summary=_("List accountability cases"), parameters=[CaseFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an accountability case with its sanctions")),
)
class AccountabilityCaseViewSet(Listing, Reading, DomainViewSet):
    """Accountability cases (效能问责), newest first: inspectors open them (or the ladder
    does), record findings and sanctions and close them with a decision; the unit's admins
    respond. Once closed, the sanctions count against the unit in evaluation."""

    serializer_class = AccountabilityCaseSerializer
    filter_serializer_class = CaseFilterSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = a_rules.can_handle_cases
    predicates = {
        "findings": a_rules.can_handle_cases,
        "sanctions": a_rules.can_handle_cases,
        "close": a_rules.can_handle_cases,
        "respond": a_rules.can_answer_for,
    }

    def get_queryset(self):
        return (
            cases_visible_to(self.request.user).select_related("task", "organization").prefetch_related("sanctions")
            .order_by("-opened_at", "-id")
        )

    def apply_filters(self, queryset, filters):
        for name in ("status", "task"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        if org := filters.get("org"):
            queryset = queryset.filter(subtree_q(org.path, "organization__path"))
        return queryset

    @extend_schema(summary=_("Open an accountability case against a unit or a key task's lead unit"),
                   request=CaseOpenSerializer, responses={201: AccountabilityCaseSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(CaseOpenSerializer)
        case = call(domain.open_case, by=request.user, organization=data.get("org_code"), task=data.get("task"),
                    findings=data.get("findings", ""), errors={"unit_required": "org_code", "too_long": "findings"})
        return self.created(self.fresh(case))

    def _step(self, fn, serializer_class, field: str):
        case = self.get_object()
        data = self.input(serializer_class)
        call(fn, case, by=self.request.user, errors={"required": field, "too_long": field}, **data)
        return Response(self.fresh(case))

    @extend_schema(summary=_("Record the case's findings"), request=CaseFindingsSerializer,
                   responses=AccountabilityCaseSerializer)
    @action(detail=True, methods=["post"])
    def findings(self, request, *args, **kwargs):
        return self._step(domain.record_findings, CaseFindingsSerializer, "findings")

    @extend_schema(summary=_("Respond to the case for the unit"), request=CaseResponseSerializer,
                   responses=AccountabilityCaseSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, *args, **kwargs):
        return self._step(domain.respond_case, CaseResponseSerializer, "response")

    @extend_schema(summary=_("Close the case with the decision"), request=CaseCloseSerializer,
                   responses=AccountabilityCaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, *args, **kwargs):
        return self._step(domain.close_case, CaseCloseSerializer, "decision")

    @extend_schema(summary=_("Add a sanction to an open case"), request=SanctionAddSerializer,
                   responses={201: CaseSanctionSerializer})
    @action(detail=True, methods=["post"])
    def sanctions(self, request, *args, **kwargs):
        case = self.get_object()
        data = self.input(SanctionAddSerializer)
        sanction = call(domain.add_sanction, case, by=request.user, errors={
            "sanction_invalid": "kind", "points_invalid": "points", "sanction_future": "imposed_on"}, **data)
        body = CaseSanctionSerializer(sanction, context=self.get_serializer_context()).data
        return self.created(body)


@extend_schema_view(
    destroy=extend_schema(
        summary=_("Remove a sanction from an open case"),
        responses={204: OpenApiResponse(description=_("The sanction was removed; the body is empty."))},
    ),
)
class CaseSanctionViewSet(DomainViewSet):
    """A sanction of a case you see; inspectors remove it while the case is open."""

    serializer_class = CaseSanctionSerializer
    http_method_names = ["delete", "options"]
    predicates = {"destroy": a_rules.can_handle_cases}

    def get_queryset(self):
        return CaseSanction.objects.filter(case__in=cases_visible_to(self.request.user)).select_related("case")

    def destroy(self, request, *args, **kwargs):
        call(domain.remove_sanction, self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
