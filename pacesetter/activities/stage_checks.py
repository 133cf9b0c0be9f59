"""The campaign-stage check this app supplies: "an activity held during the stage", done on
the day of the organisation's first activity held on or after the stage began."""
from __future__ import annotations

import datetime

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from pacesetter.stages.checks import register

from .enums import ActivityState
from .models import Activity


def activity_held(campaign, task, org_ids) -> dict[int, datetime.date | None]:
    rows = (
        Activity.objects.filter(organization_id__in=org_ids, state=ActivityState.HELD,
                                day__gte=task.stage.starts_on)
        .order_by().values("organization_id").annotate(first=Min("day"))
        .values_list("organization_id", "first")
    )
    return dict(rows)


register("activity_held", activity_held, label=_("automatic: a party activity held during the stage"))
