"""Serializers of the campaign-stage endpoints. Enum fields carry names of their own
(stage_kind, task_status, rating) so the schema's enum components do not collide."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pacesetter.api.serializers import MAX_ID
from pacesetter.orgs.enums import Sector

from ..domain.marking import NOTE_LIMIT
from ..enums import CompletionState, Rag, StageKind, TaskStatus
from ..models import CompletionEvidence, Stage, StageTask, TaskCompletion


class StageTaskSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:campaign-stage-task-detail", lookup_url_kwarg="id")
    stage = serializers.IntegerField(source="stage_id", read_only=True)
    campaign = serializers.IntegerField(source="stage.campaign_id", read_only=True)
    check_kind = serializers.CharField(read_only=True, help_text=_("“manual”, or the kind of an automatic check."))
    level = serializers.CharField(read_only=True, help_text=_("Only organisations of this level; empty: all."))
    sector = serializers.CharField(read_only=True, help_text=_("Only organisations of this sector; empty: all."))

    class Meta:
        model = StageTask
        fields = ["id", "url", "stage", "campaign", "title", "description", "check_kind", "due_on", "level", "sector"]


class StageSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:campaign-stage-detail", lookup_url_kwarg="id")
    stage_kind = serializers.ChoiceField(source="kind", choices=StageKind.choices, read_only=True)
    campaign = serializers.IntegerField(source="campaign_id", read_only=True)
    tasks = StageTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Stage
        fields = ["id", "url", "campaign", "stage_kind", "starts_on", "ends_on", "tasks"]


class StageFilterSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class StageTaskFilterSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    stage = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class StatusFilterSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                        help_text=_("The campaign; by default the one under way."))
    township = serializers.CharField(required=False, max_length=50)
    sector = serializers.ChoiceField(required=False, choices=Sector.choices)
    org = serializers.CharField(required=False, max_length=32, help_text=_("One organisation, by its code."))
    stage_kind = serializers.ChoiceField(required=False, choices=StageKind.choices,
                                         help_text=_("Count only the tasks of this stage."))


class TaskStatusSerializer(serializers.Serializer):
    task = serializers.IntegerField()
    task_status = serializers.ChoiceField(choices=TaskStatus.choices)
    done_on = serializers.DateField(allow_null=True)


class OrgStatusSerializer(serializers.Serializer):
    org_code = serializers.CharField()
    org_name = serializers.CharField()
    township = serializers.CharField()
    sector = serializers.CharField()
    done = serializers.IntegerField()
    done_late = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Rag.choices)
    tasks = TaskStatusSerializer(many=True)


class OrganizationRefSerializer(serializers.Serializer):
    organization = serializers.CharField(max_length=32, help_text=_("The organisation, by its code."))


class TaskDoneSerializer(OrganizationRefSerializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_LIMIT, default="")
    done_on = serializers.DateField(required=False, allow_null=True, default=None,
                                    help_text=_("The day it was done; by default today."))
    file = serializers.FileField(required=False, allow_null=True, default=None,
                                 help_text=_("Evidence (optional): a photo (JPEG, PNG or WebP) or a document (PDF, "
                                             "Word, Excel); send the request as multipart/form-data."))


class TaskSendBackSerializer(OrganizationRefSerializer):
    reason = serializers.CharField(max_length=NOTE_LIMIT)


class CompletionEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompletionEvidence
        fields = ["id", "kind", "original_name", "content_type", "size", "created_at"]


class TaskCompletionSerializer(serializers.ModelSerializer):
    task = serializers.IntegerField(source="task_id", read_only=True)
    organization = serializers.CharField(source="organization.code", read_only=True)
    completion_state = serializers.ChoiceField(source="state", choices=CompletionState.choices, read_only=True)
    evidence = CompletionEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskCompletion
        fields = ["id", "task", "organization", "completion_state", "done_on", "note", "returned_reason",
                  "updated_at", "evidence"]
