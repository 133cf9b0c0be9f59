"""The demo's background jobs: a few finished ones, run for real through the runner so the
/jobs/ pages have something to show: an export with its file, a dry run of the stage
reminders, and an import that failed with its row-numbered error report."""
from __future__ import annotations

import random

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Organization, RoleAssignment

from .domain import start_job
from .enums import JobState


def _county_admin(root: Organization):
    found = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                          user__is_active=True).select_related("user").order_by("id").first()
    if found is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return found.user


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _county_admin(root)
    branch = Organization.objects.filter(path__startswith=root.path, depth__gt=2).order_by("path").first() or root
    bad = (f"党员编号,姓名,性别,所在组织编码,党员类型\nDEMO{rng.randint(100, 999)},,男,{branch.code},正式党员\n"
           f"DEMO{rng.randint(1000, 9999)},示例,男,NO-SUCH-ORG,正式党员\n").encode()
    jobs = [
        start_job("orgs.export", by=admin, params={"kind": "organizations", "query": ""}, organization=root,
                  background=False),
        start_job("stages.reminders", by=admin, params={"dry_run": True}, background=False),
        start_job("orgs.import", by=admin, params={"kind": "members"}, organization=root,
                  input_file=("党员导入示例.csv", bad), background=False),
    ]
    done = sum(job.state == JobState.DONE for job in jobs)
    return _("Background jobs: %(done)d done, %(failed)d failed (see /jobs/).") % {
        "done": done, "failed": len(jobs) - done}
