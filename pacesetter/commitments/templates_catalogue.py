"""Typical commitment items per sector, offered when an organisation or member writes a
pledge (the speech: schools on teachers' ethics, hospitals on medical ethics and patient
relations, agencies on service efficiency, enterprises on members' responsibility zones).
Translatable, so the item is inserted in the writer's language."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacesetter.orgs.enums import Sector

from .enums import Category


@dataclass(frozen=True)
class Template:
    category: str
    content: Promise
    target: Promise


COMMON = (
    Template(Category.STUDY, _("Organise monthly theme study sessions for all members"),
             _("12 study sessions a year, attendance of at least 90 %")),
    Template(Category.ORGANISATION, _("Hold the branch's regular meetings and party lessons on schedule"),
             _("Branch meetings every month, party lessons every quarter, all minuted")),
)

BY_SECTOR: dict[str, tuple[Template, ...]] = {
    Sector.SCHOOL: (
        Template(Category.ETHICS, _("Strengthen teachers' ethics: no paid private tutoring, no gifts from parents"),
                 _("Zero violations; every teacher signs the ethics pledge")),
        Template(Category.SERVICE, _("Members pair with students who have difficulties"),
                 _("Every member helps at least two students through the school year")),
        Template(Category.SERVICE, _("Open a parents' reception day every month"),
                 _("Parents' satisfaction in the survey of at least 90 %")),
    ),
    Sector.HEALTH: (
        Template(Category.ETHICS, _("Improve medical ethics: no red envelopes, no kickbacks"),
                 _("Zero verified complaints about medical ethics")),
        Template(Category.SERVICE, _("Improve patient relations: explain every treatment and its costs"),
                 _("Patients' satisfaction in the survey of at least 92 %")),
        Template(Category.EFFICIENCY, _("Shorten the waiting time for outpatients"),
                 _("Average waiting time under 30 minutes")),
    ),
    Sector.AGENCY: (
        Template(Category.EFFICIENCY, _("Handle applications within the promised time limit"),
                 _("All items handled within the limit; one-stop service for common items")),
        Template(Category.SERVICE, _("Publish service guides and fees at the window and online"),
                 _("Every service item has a published guide")),
        Template(Category.ETHICS, _("Conduct review: no delay, no runaround, no bribes"),
                 _("Satisfaction in the conduct review of at least 90 %")),
    ),
    Sector.ENTERPRISE: (
        Template(Category.RESPONSIBILITY, _("Set up members' responsibility zones on the shop floor"),
                 _("Every member has a zone; safety and quality targets met in each")),
        Template(Category.DEVELOPMENT, _("Members lead technical breakthrough projects"),
                 _("At least two projects completed; savings reported")),
        Template(Category.RESPONSIBILITY, _("Set up members' vanguard posts"),
                 _("A vanguard post in every workshop")),
    ),
    Sector.SOCIAL: (
        Template(Category.SERVICE, _("Members lead volunteer services for the community"),
                 _("At least one volunteer activity a month")),
    ),
    Sector.VILLAGE: (
        Template(Category.DEVELOPMENT, _("Help households raise their income through cooperatives"),
                 _("Average income up by 10 %; every poor household has a helper")),
        Template(Category.SERVICE, _("Handle villagers' affairs on their behalf (代办)"),
                 _("Every request answered within 3 working days")),
    ),
    Sector.COMMUNITY: (
        Template(Category.SERVICE, _("Members register with the community and serve residents"),
                 _("Every registered member serves at least 4 times a year")),
        Template(Category.EFFICIENCY, _("Resolve residents' complaints through the grid system"),
                 # xgettext:no-python-format
                 _("95 % of complaints resolved within 7 days")),
    ),
}


def templates_for(sector: str) -> tuple[Template, ...]:
    """The sector's typical items first, then those every organisation may take."""
    return BY_SECTOR.get(sector, ()) + COMMON
