"""Objects named by code in the accountability endpoints' input, each looked up only
among those the requesting user sees (outside the view: "unknown", like a missing code)."""
from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from pacesetter.api.serializers import CodeField
from pacesetter.orgs.models import Goal, Leader
from pacesetter.orgs.queries import leaders_visible_to

from ..queries import tasks_visible_to


@extend_schema_field(OpenApiTypes.STR)
class TaskCodeField(CodeField):
    """A key task by its code, among the tasks the requesting user sees."""

    default_error_messages = {"unknown": _("Unknown key task: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=tasks_visible_to, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class LeaderCodeField(CodeField):
    """A county-level leader by leader code, among the leaders the requesting user sees."""

    default_error_messages = {"unknown": _("Unknown county-level leader: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=leaders_visible_to, **kwargs)


def _leaders_of_visible_tasks(user):
    return Leader.objects.filter(Exists(tasks_visible_to(user).filter(leader=OuterRef("pk"))))


@extend_schema_field(OpenApiTypes.STR)
class TaskLeaderCodeField(CodeField):
    """A leader responsible for one of the tasks the requesting user sees (a township's
    admin filters by the county leader of its tasks without seeing the county)."""

    default_error_messages = {"unknown": _("No key task you see has the leader {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=_leaders_of_visible_tasks, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class GoalCodeField(CodeField):
    """A node of the county's goal framework, which every signed-in user reads."""

    default_error_messages = {"unknown": _("Unknown county goal: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=lambda user: Goal.objects.all(), **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class SupportingUnitField(CodeField):
    """One of the supporting units of the task in the serializer's context."""

    default_error_messages = {"unknown": _("{code} is not a supporting unit of this key task.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=self._units, **kwargs)

    def _units(self, user):
        return self.context["task"].supporting_units.all()
