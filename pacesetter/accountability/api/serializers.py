"""What the accountability endpoints show and accept.

Writes are the domain functions of `accountability.domain`, called by the views (a
refusal is a 400 naming the field, a permission refusal a 403). Key tasks, leaders and
organisations named in input are looked up among those the requesting user sees (fields.py),
so one outside the view is "unknown" exactly like one that does not exist.
"""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.api.serializers import OrganizationCodeField
from pacesetter.orgs.models import Organization

from ..enums import (
    CaseSource,
    CaseStatus,
    EscalationAction,
    KeyTaskKind,
    KeyTaskStatus,
    NoticeStatus,
    Sanction,
    Schedule,
    SignOffParty,
)
from ..models import (
    AccountabilityCase,
    CaseSanction,
    KeyTask,
    Milestone,
    ProgressReport,
    ReportEvidence,
    SignOff,
    SupervisionNotice,
)
from ..queries import schedule_reason
from .fields import (
    GoalCodeField,
    LeaderCodeField,
    SupportingUnitField,
    TaskCodeField,
    TaskLeaderCodeField,
)

MAX_ID = 2**63 - 1


def _name(user) -> str | None:
    return None if user is None else (user.get_full_name() or user.get_username())


# --- Key tasks -------------------------------------------------------------------


class TaskUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["code", "name"]
        read_only_fields = fields


class MilestoneSerializer(serializers.ModelSerializer):
    done_in = serializers.IntegerField(
        source="done_in_id", read_only=True, allow_null=True, help_text=_("Id of the report that marked it done."),
    )

    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "weight", "done_on", "done_in"]
        read_only_fields = fields


class KeyTaskSerializer(serializers.ModelSerializer):
    """A key task with how it keeps to schedule today (see the schedule rule on its page)."""

    kind = serializers.ChoiceField(choices=KeyTaskKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=KeyTaskStatus.choices, read_only=True)
    leader = serializers.CharField(source="leader.code", read_only=True, help_text=_("Code of the responsible leader."))
    leader_name = serializers.CharField(source="leader.name", read_only=True)
    lead_unit = serializers.CharField(source="lead_unit.code", read_only=True)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True)
    goal = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    planned = serializers.IntegerField(read_only=True, help_text=_("Planned progress by today (%)."))
    gap = serializers.IntegerField(read_only=True, help_text=_("Planned minus reported progress, in points."))
    overdue_since = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Due day of the earliest milestone not done in time."),
    )
    reporting_late = serializers.BooleanField(read_only=True, help_text=_("No progress report within the period."))
    schedule = serializers.ChoiceField(choices=Schedule.choices, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:key-task-detail", lookup_field="code")

    class Meta:
        model = KeyTask
        fields = [
            "code", "title", "kind", "status", "leader", "leader_name", "lead_unit", "lead_unit_name", "goal",
            "budget", "planned_start", "planned_end", "report_every_days", "progress", "last_report_on",
            "next_report_due", "completed_on", "planned", "gap", "overdue_since", "reporting_late", "schedule", "url",
        ]
        read_only_fields = fields


class KeyTaskDetailSerializer(KeyTaskSerializer):
    supporting_units = TaskUnitSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    schedule_reason = serializers.SerializerMethodField(help_text=_("Why the task has its schedule status."))
    reports_url = serializers.HyperlinkedIdentityField(view_name="api:key-task-reports", lookup_field="code")
    sign_offs_url = serializers.HyperlinkedIdentityField(view_name="api:key-task-sign-offs", lookup_field="code")

    class Meta(KeyTaskSerializer.Meta):
        fields = [
            *KeyTaskSerializer.Meta.fields, "description", "supporting_units", "milestones", "schedule_reason",
            "reports_url", "sign_offs_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_schedule_reason(self, task: KeyTask) -> list[str]:
        return schedule_reason(task, self.context["today"]).lines


class MilestoneInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False,
        help_text=_("An existing milestone's id keeps it (and whether it is done); leave out for a new one."),
    )
    title = serializers.CharField(max_length=200)
    due_on = serializers.DateField(help_text=_("Within the task's planned dates."))
    weight = serializers.IntegerField(min_value=1, max_value=100, help_text=_("Percent; the weights total 100."))


class KeyTaskInputSerializer(serializers.Serializer):
    """A new key task; its milestones' weights total 100."""

    code = serializers.CharField(max_length=32)
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=KeyTaskKind.choices)
    description = serializers.CharField(max_length=8000, required=False, allow_blank=True)
    leader = LeaderCodeField(help_text=_("Code of the responsible county-level leader."))
    lead_unit = OrganizationCodeField(help_text=_("Code of the lead unit, which reports progress."))
    supporting_units = serializers.ListField(
        child=OrganizationCodeField(), max_length=50, required=False, help_text=_("Codes of the supporting units."),
    )
    goal = GoalCodeField(required=False, allow_null=True, help_text=_("Code of the county goal it serves, or null."))
    budget = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True,
        help_text=_("In 10,000 yuan."),
    )
    planned_start = serializers.DateField()
    planned_end = serializers.DateField()
    report_every_days = serializers.IntegerField(
        min_value=1, max_value=366, required=False,
        help_text=_("The lead unit reports at least this often (30: monthly)."),
    )
    milestones = serializers.ListField(child=MilestoneInputSerializer(), min_length=1, max_length=30)


class KeyTaskChangeSerializer(KeyTaskInputSerializer):
    """Any of a task's particulars; its code stays, its plan changes with the milestones action."""

    code = None
    milestones = None

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Give at least one field to change."))
        return attrs


class MilestonePlanSerializer(serializers.Serializer):
    milestones = serializers.ListField(
        child=MilestoneInputSerializer(), min_length=1, max_length=30,
        help_text=_("The whole plan: milestones left out are removed unless done."),
    )


class TaskStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=KeyTaskStatus.choices)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


# --- Progress reports and sign-offs ---------------------------------------------------


class ReportEvidenceSerializer(serializers.ModelSerializer):
    """A file of a progress report; its URLs are the pages' own, which check who may read it."""

    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField(help_text=_("Photos only."))

    class Meta:
        model = ReportEvidence
        fields = [
            "id", "kind", "original_name", "extension", "content_type", "size", "sha256", "width", "height", "url",
            "thumbnail_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, evidence: ReportEvidence) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("accountability:report-evidence", kwargs={"pk": evidence.pk}))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, evidence: ReportEvidence) -> str | None:
        if not evidence.thumbnail:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("accountability:report-evidence-thumbnail", kwargs={"pk": evidence.pk}))


class ProgressReportSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.code", read_only=True)
    org_code = serializers.CharField(source="organization.code", read_only=True)
    reported_by = serializers.SerializerMethodField()
    milestones_done = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    evidence = ReportEvidenceSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:progress-report-detail", lookup_url_kwarg="id")

    class Meta:
        model = ProgressReport
        fields = [
            "id", "task", "reported_on", "percent", "narrative", "org_code", "reported_by", "created_at",
            "milestones_done", "evidence", "leader_signed_at", "leader_comment", "url",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_reported_by(self, report: ProgressReport) -> str | None:
        return _name(report.created_by)


class ReportInputSerializer(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100, help_text=_("Percent of the task done."))
    narrative = serializers.CharField(max_length=4000, help_text=_("What was done in the period."))
    milestones_done = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=30, required=False,
        help_text=_("Ids of the milestones reached."),
    )
    reported_on = serializers.DateField(required=False, help_text=_("Today when left out; never in the future."))
    files = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=10,
        help_text=_("Evidence: photos (JPEG, PNG, WebP) and documents (PDF, Word, Excel, WPS, OFD, text)."),
    )


class SignReportSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class SignOffSerializer(serializers.ModelSerializer):
    party = serializers.ChoiceField(choices=SignOffParty.choices, read_only=True)
    organization = serializers.CharField(source="organization.code", read_only=True, allow_null=True, default=None)
    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True, default=None)
    signed_by = serializers.SerializerMethodField()

    class Meta:
        model = SignOff
        fields = ["id", "party", "organization", "organization_name", "signed_by", "signed_at", "note"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_signed_by(self, sign_off: SignOff) -> str | None:
        return _name(sign_off.signed_by)


class SignOffInputSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=SignOffParty.choices)
    organization = SupportingUnitField(
        required=False, allow_null=True, help_text=_("Code of the supporting unit signing; only for supporting_unit."),
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs["party"] == SignOffParty.SUPPORTING_UNIT and attrs.get("organization") is None:
            raise serializers.ValidationError({"organization": _("Name the supporting unit that signs.")})
        return attrs


class KeyTaskFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KeyTaskKind.choices, required=False)
    status = serializers.ChoiceField(choices=KeyTaskStatus.choices, required=False)
    schedule = serializers.ChoiceField(choices=Schedule.choices, required=False)
    leader = TaskLeaderCodeField(required=False, help_text=_("Tasks this county-level leader is responsible for."))
    lead_unit = OrganizationCodeField(required=False, help_text=_("Tasks this unit leads."))
    goal = GoalCodeField(required=False, help_text=_("Tasks serving this county goal."))
    late_reporting = serializers.BooleanField(required=False, help_text=_("true: only tasks whose report is late."))


# --- Escalation ladder ---------------------------------------------------------------


class EscalationStepSerializer(serializers.Serializer):
    days_late = serializers.IntegerField(min_value=1, max_value=365)
    action = serializers.ChoiceField(choices=EscalationAction.choices)


class EscalationLadderSerializer(serializers.Serializer):
    steps = serializers.ListField(
        child=EscalationStepSerializer(), min_length=1, max_length=10,
        help_text=_("So many days late → this action, for every active key task; at most 10 steps."),
    )


# --- Supervision notices -------------------------------------------------------------


class SupervisionNoticeSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.code", read_only=True)
    task_title = serializers.CharField(source="task.title", read_only=True)
    org_code = serializers.CharField(source="organization.code", read_only=True)
    org_name = serializers.CharField(source="organization.name", read_only=True)
    by_ladder = serializers.SerializerMethodField(help_text=_("Issued by the escalation ladder, not by a person."))
    status = serializers.ChoiceField(choices=NoticeStatus.choices, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:supervision-notice-detail", lookup_url_kwarg="id")

    class Meta:
        model = SupervisionNotice
        fields = [
            "id", "number", "task", "task_title", "org_code", "org_name", "text", "respond_by", "issued_at",
            "by_ladder", "status", "response", "answered_at", "url",
        ]
        read_only_fields = fields

    def get_by_ladder(self, notice: SupervisionNotice) -> bool:
        return notice.issued_by_id is None


class NoticeIssueSerializer(serializers.Serializer):
    task = TaskCodeField(help_text=_("Code of the key task; the notice goes to its lead unit and its leader."))
    text = serializers.CharField(max_length=4000, help_text=_("What must be done."))
    respond_by = serializers.DateField(required=False, help_text=_("A week from today when left out."))


class NoticeAnswerSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=4000, help_text=_("What the unit has done or will do, by when."))


class NoticeFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=NoticeStatus.choices, required=False)
    task = TaskCodeField(required=False)


# --- Accountability cases ------------------------------------------------------------


class CaseSanctionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Sanction.choices, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:accountability-sanction-detail", lookup_url_kwarg="id")

    class Meta:
        model = CaseSanction
        fields = ["id", "kind", "points", "person", "note", "imposed_on", "url"]
        read_only_fields = fields


class AccountabilityCaseSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.code", read_only=True, allow_null=True, default=None)
    org_code = serializers.CharField(source="organization.code", read_only=True)
    org_name = serializers.CharField(source="organization.name", read_only=True)
    source = serializers.ChoiceField(choices=CaseSource.choices, read_only=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices, read_only=True)
    sanctions = CaseSanctionSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:accountability-case-detail", lookup_url_kwarg="id")

    class Meta:
        model = AccountabilityCase
        fields = [
            "id", "number", "task", "org_code", "org_name", "source", "status", "opened_at", "findings", "sanctions",
            "response", "responded_at", "decision", "closed_at", "url",
        ]
        read_only_fields = fields


class CaseOpenSerializer(serializers.Serializer):
    task = TaskCodeField(required=False, help_text=_("The key task; the case is against its lead unit."))
    org_code = OrganizationCodeField(required=False, help_text=_("The unit held to account, when no task is named."))
    findings = serializers.CharField(max_length=8000, required=False, allow_blank=True)

    def validate(self, attrs):
        if "task" not in attrs and "org_code" not in attrs:
            raise serializers.ValidationError(_("Name the key task or the unit the case is against."))
        return attrs


class CaseFindingsSerializer(serializers.Serializer):
    findings = serializers.CharField(max_length=8000)


class SanctionAddSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Sanction.choices)
    points = serializers.IntegerField(
        min_value=0, max_value=100, required=False,
        help_text=_("Deduction; the measures' points for the kind when left out."),
    )
    person = serializers.CharField(max_length=50, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    imposed_on = serializers.DateField(required=False, help_text=_("Today when left out; never in the future."))


class CaseResponseSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=8000, help_text=_("The unit's explanation and rectification."))


class CaseCloseSerializer(serializers.Serializer):
    decision = serializers.CharField(max_length=4000)


class CaseFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    task = TaskCodeField(required=False)
    org = OrganizationCodeField(required=False, help_text=_("Cases against this unit and the units under it."))
