from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VanguardKind(models.TextChoices):
    ZONE = "zone", _("responsibility zone (党员责任区)")
    POST = "post", _("vanguard post (党员先锋岗)")
    BRAND = "brand", _("brand project (党员品牌工程)")
    BREAKTHROUGH = "breakthrough", _("breakthrough project (党员攻关项目)")


class ProjectState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("vanguard project", "planned")
    RUNNING = "running", pgettext_lazy("vanguard project", "running")
    COMPLETED = "completed", pgettext_lazy("vanguard project", "completed")
    ABANDONED = "abandoned", pgettext_lazy("vanguard project", "abandoned")


#: state → the states a project may move on to.
TRANSITIONS = {
    ProjectState.PLANNED: (ProjectState.RUNNING, ProjectState.ABANDONED),
    ProjectState.RUNNING: (ProjectState.COMPLETED, ProjectState.ABANDONED),
    ProjectState.COMPLETED: (),
    ProjectState.ABANDONED: (),
}


class Measure(models.TextChoices):
    """What a result line counts; money in yuan, the rest in whole units."""

    PROBLEMS_SOLVED = "problems_solved", _("problems solved")
    MONEY_SAVED = "money_saved", _("money saved (yuan)")
    PEOPLE_SERVED = "people_served", _("people served")
    SUGGESTIONS_ADOPTED = "suggestions_adopted", _("suggestions adopted")
    VOLUNTEER_HOURS = "volunteer_hours", _("volunteer hours")
    COMPLAINTS_AVOIDED = "complaints_avoided", _("complaints resolved")


class Rating(models.TextChoices):
    EXCELLENT = "excellent", pgettext_lazy("vanguard rating", "excellent")
    GOOD = "good", pgettext_lazy("vanguard rating", "good")
    FAIR = "fair", pgettext_lazy("vanguard rating", "fair")
    POOR = "poor", pgettext_lazy("vanguard rating", "poor")


#: A rating's points on evaluation's 0–100 scale.
RATING_POINTS = {Rating.EXCELLENT: 100, Rating.GOOD: 80, Rating.FAIR: 60, Rating.POOR: 40}
