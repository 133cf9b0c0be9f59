"""Writes of work style and accountability; each a function with its transaction and audit entry."""
from .cases import (
    add_sanction,
    answer_notice,
    close_case,
    issue_notice,
    open_case,
    record_findings,
    remove_sanction,
    respond_case,
    set_ladder,
)
from .tasks import (
    create_task,
    plan_milestones,
    set_task_status,
    sign_off_task,
    sign_report,
    submit_report,
    update_task,
)

__all__ = [
    "add_sanction", "answer_notice", "close_case", "create_task", "issue_notice", "open_case", "plan_milestones",
    "record_findings", "remove_sanction", "respond_case", "set_ladder", "set_task_status", "sign_off_task",
    "sign_report", "submit_report", "update_task",
]
