"""/api/v1/jobs/: the background jobs the user sees (`jobs_visible_to`), one with its
progress and result, and POST /api/v1/jobs/{id}/retry/ for a failed or interrupted one
(its requester or a county admin; 400 when it is not retryable)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call

from . import domain
from .enums import JobState
from .models import Job
from .queries import jobs_visible_to


class JobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(read_only=True, help_text=_("The kind of job, in words."))
    state = serializers.ChoiceField(source="shown_state", choices=JobState.choices, read_only=True,
                                    help_text=_("Running jobs without a heartbeat for JOB_HEARTBEAT_TIMEOUT "
                                                "are shown as interrupted."))
    requested_by = serializers.CharField(source="requested_by.username", read_only=True, default=None,
                                         allow_null=True)
    result_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "url", "kind", "kind_label", "state", "stage", "progress", "message", "params", "result",
                  "result_url", "input_name", "requested_by", "created_at", "started_at", "finished_at",
                  "heartbeat_at", "attempts"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, job) -> str:
        return self.context["request"].build_absolute_uri(reverse("api:job-detail", args=[job.pk]))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_result_url(self, job) -> str | None:
        if not job.result_file:
            return None
        return self.context["request"].build_absolute_uri(reverse("jobs:job-result", args=[job.pk]))


@extend_schema_view(
    list=extend_schema(summary=_("List your background jobs")),
    retrieve=extend_schema(summary=_("Read a background job with its progress and result")),
)
class JobViewSet(Listing, Reading, DomainViewSet):
    """Background jobs (imports, exports, reminders, escalation): a county admin sees all,
    others their own and those of the organisations they may change."""

    serializer_class = JobSerializer
    http_method_names = ["get", "head", "options", "post"]

    def get_queryset(self):
        return jobs_visible_to(self.request.user).select_related("requested_by").order_by("-created_at", "-id")

    def may_change(self, user, obj) -> bool:
        return domain._may_manage(obj, user)

    @extend_schema(summary=_("Retry a failed or interrupted job"),
                   description=_("Queues the job again (attempts + 1); for its requester and county admins."),
                   request=None, responses=JobSerializer)
    @action(detail=True, methods=["post"])
    def retry(self, request, *args, **kwargs):
        job = call(domain.retry_job, self.get_object(), by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=job.pk)).data)


router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")
urlpatterns = router.urls
