"""/api/v1/nonpublic-entities/ (with a `status` action), /nonpublic-plans/, /nonpublic-checks/
and /nonpublic-coverage/. Reads go through the visibility queries (outside: 404), writes
through the domain functions after a rules check (refused: 403). A check's evidence files are
listed and uploaded (multipart form data) at /nonpublic-checks/{id}/evidence/."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status as http_status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call

from .. import coverage, domain, queries
from .. import rules as np_rules
from ..models import CheckEvidence, ChecklistItem
from .serializers import (
    NonpublicCheckSerializer,
    NonpublicCheckWriteSerializer,
    NonpublicCoverageSerializer,
    NonpublicEntityFilterSerializer,
    NonpublicEntitySerializer,
    NonpublicEntityWriteSerializer,
    NonpublicEvidenceSerializer,
    NonpublicEvidenceUploadSerializer,
    NonpublicPlanChangeSerializer,
    NonpublicPlanSerializer,
    NonpublicPlanWriteSerializer,
    NonpublicRegisterSerializer,
    NonpublicStatusSerializer,
)

ENTITY_ERRORS = {"kind": "entity_kind", "industry": "industry_section", "status": "party_status",
                 "credit_code": "credit_code", "township": "township", "covering": "covering",
                 "instructor": "instructor", "party_members": "party_members", "count": "employees",
                 "date": "registered_on", "too_long": "name", "required": "name"}
STATUS_ERRORS = {"status": "party_status", "covering": "covering", "date": "on", "too_long": "note"}
PLAN_ERRORS = {"target_date": "target_date", "instructor": "instructor", "required": "steps", "too_long": "steps",
               "covered": "entity", "open_plan": "entity", "done": "non_field_errors"}
EVIDENCE_ERRORS = {"files_required": "files", "too_many_files": "files", "file_*": "files"}


def _entity_input(data: dict) -> dict:
    values = {"kind": data.pop("entity_kind"), "industry": data.pop("industry_section"), **data}
    if "party_status" in values:
        values["status"] = values.pop("party_status")
    return values


@extend_schema_view(
    list=extend_schema(summary=_("List non-public entities"), parameters=[NonpublicEntityFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a non-public entity")),
)
class NonpublicEntityViewSet(Listing, Reading, DomainViewSet):
    """Non-public enterprises and social organisations with their party-organisation status:
    county admins, leaders and inspectors see all; organisation admins those in a township or
    covered by an organisation of their subtree. County and organisation admins register
    entities there, change them and record status changes."""

    serializer_class = NonpublicEntitySerializer
    filter_serializer_class = NonpublicEntityFilterSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_predicate = np_rules.can_register
    predicates = {"partial_update": np_rules.can_edit_entity, "status": np_rules.can_edit_entity}

    def get_queryset(self):
        return queries.entities_visible_to(self.request.user).select_related(
            "township", "covering", "instructor").order_by("township__path", "name", "id")

    def apply_filters(self, queryset, filters):
        for name, field in (("entity_kind", "kind"), ("industry_section", "industry"), ("party_status", "status")):
            if name in filters:
                queryset = queryset.filter(**{field: filters[name]})
        if "township" in filters:
            queryset = queryset.filter(township__code=filters["township"])
        return queries.search(queryset, filters.get("q", ""))

    @extend_schema(summary=_("Register a non-public entity"), request=NonpublicRegisterSerializer,
                   responses={201: NonpublicEntitySerializer})
    def create(self, request, *args, **kwargs):
        data = _entity_input(self.input(NonpublicRegisterSerializer))
        entity = call(domain.register_entity, by=request.user, errors=ENTITY_ERRORS, **data)
        return self.created(self.fresh(entity))

    @extend_schema(summary=_("Change a non-public entity (its status aside)"),
                   request=NonpublicEntityWriteSerializer, responses=NonpublicEntitySerializer)
    def partial_update(self, request, *args, **kwargs):
        entity = self.get_object()
        current = {"entity_kind": entity.kind, "name": entity.name, "credit_code": entity.credit_code,
                   "industry_section": entity.industry, "township": entity.township,
                   "employees": entity.employees, "party_members": entity.party_members,
                   "instructor": entity.instructor}
        given = self.input(NonpublicEntityWriteSerializer, partial=True)
        call(domain.update_entity, entity, by=request.user, errors=ENTITY_ERRORS,
             **_entity_input({**current, **given}))
        return Response(self.fresh(entity))

    @extend_schema(summary=_("Record a change of party-organisation status"), request=NonpublicStatusSerializer,
                   responses=NonpublicEntitySerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, *args, **kwargs):
        entity = self.get_object()
        data = self.input(NonpublicStatusSerializer)
        call(domain.change_status, entity, by=request.user, status=data["party_status"], covering=data["covering"],
             on=data["on"], note=data["note"], errors=STATUS_ERRORS)
        return Response(self.fresh(entity))


@extend_schema_view(
    list=extend_schema(summary=_("List open and done establishing plans")),
    retrieve=extend_schema(summary=_("Read an establishing plan")),
)
class NonpublicPlanViewSet(Listing, Reading, DomainViewSet):
    """Establishing plans (抓组建) of entities without a party organisation, seen with their entity."""

    serializer_class = NonpublicPlanSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_predicate = np_rules.can_register
    predicates = {"partial_update": np_rules.can_edit_plan}

    def get_queryset(self):
        return queries.plans_visible_to(self.request.user).select_related(
            "entity__township", "entity__covering", "instructor").order_by("done_on", "target_date", "id")

    @extend_schema(summary=_("Add an establishing plan"), request=NonpublicPlanWriteSerializer,
                   responses={201: NonpublicPlanSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(NonpublicPlanWriteSerializer)
        if not np_rules.can_edit_entity(request.user, data["entity"]):
            raise PermissionDenied
        plan = call(domain.create_plan, data.pop("entity"), by=request.user, errors=PLAN_ERRORS, **data)
        return self.created(self.fresh(plan))

    @extend_schema(summary=_("Change an open establishing plan"), request=NonpublicPlanChangeSerializer,
                   responses=NonpublicPlanSerializer)
    def partial_update(self, request, *args, **kwargs):
        plan = self.get_object()
        values = {"target_date": plan.target_date, "instructor": plan.instructor, "steps": plan.steps,
                  **self.input(NonpublicPlanChangeSerializer)}
        call(domain.update_plan, plan, by=request.user, errors=PLAN_ERRORS, **values)
        return Response(self.fresh(plan))


@extend_schema_view(list=extend_schema(summary=_("List checklist checks of covering organisations")),
                    retrieve=extend_schema(summary=_("Read a checklist check")))
class NonpublicCheckViewSet(Listing, Reading, DomainViewSet):
    """抓规范: the latest check of each checklist item at each covering organisation you see."""

    serializer_class = NonpublicCheckSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_predicate = np_rules.can_register
    predicates = {"evidence": np_rules.can_add_evidence}

    def get_queryset(self):
        return queries.checks_visible_to(self.request.user).select_related(
            "organization", "item", "checked_by").order_by("organization__path", "item__order", "id")

    @extend_schema(summary=_("Record a check (evidence files are uploaded through its evidence endpoint)"),
                   request=NonpublicCheckWriteSerializer, responses={201: NonpublicCheckSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(NonpublicCheckWriteSerializer)
        organization = get_object_or_404(queries.covering_organizations_visible_to(request.user),
                                         pk=data["organization"].pk)
        item = get_object_or_404(ChecklistItem.objects.filter(active=True), pk=data["item"])
        check = call(domain.record_check, organization, item, by=request.user, met=data["met"], note=data["note"])
        return self.created(self.fresh(check))

    def _evidence(self, queryset):
        return Response(NonpublicEvidenceSerializer(queryset.order_by("id"), many=True,
                                                    context=self.get_serializer_context()).data)

    @extend_schema(methods=["GET"], summary=_("List a check's evidence files (unpaginated)"), request=None,
                   responses=NonpublicEvidenceSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary=_("Add evidence files to a check"),
        description=_("multipart/form-data with up to nine `files` in all, photos or documents as the check form "
                      "on the pages takes them. Each file is checked by its content; photos are stored re-encoded "
                      "without EXIF (no GPS location), with a thumbnail. Nothing is kept unless every file passes."),
        request={"multipart/form-data": NonpublicEvidenceUploadSerializer},
        responses={201: NonpublicEvidenceSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None)
    def evidence(self, request, *args, **kwargs):
        check = self.get_object()
        if request.method == "POST":
            data = self.input(NonpublicEvidenceUploadSerializer)
            stored = call(domain.add_evidence, check, by=request.user, files=data["files"], errors=EVIDENCE_ERRORS)
            response = self._evidence(CheckEvidence.objects.filter(pk__in=[row.pk for row in stored]))
            response.status_code = http_status.HTTP_201_CREATED
            return response
        return self._evidence(CheckEvidence.objects.filter(check_row=check))


class NonpublicCoverageViewSet(DomainViewSet):
    """Coverage of the entities you see, by entities and by employees: in total, per township,
    per industry, and at the end of each of the last 12 months."""

    serializer_class = NonpublicCoverageSerializer
    http_method_names = ["get", "head", "options"]
    pagination_class = None

    @extend_schema(summary=_("Party-organisation coverage"), responses=NonpublicCoverageSerializer)
    def list(self, request, *args, **kwargs):
        entities = queries.entities_visible_to(request.user)
        body = {"total": coverage.total(entities, label=str(_("total"))), "townships": coverage.by_township(entities),
                "industries": coverage.by_industry(entities),
                "months": coverage.as_of(entities, coverage.month_ends())}
        return Response(NonpublicCoverageSerializer(body).data)
