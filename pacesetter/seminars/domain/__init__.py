"""Every write of theory seminars: one function each, in its own transaction, with its audit entry."""
from .papers import replace_paper, submit_paper, withdraw_paper
from .reviews import assign_reviewer, auto_assign, submit_review, unassign_reviewer
from .seminars import (
    create_seminar,
    open_call,
    publish_results,
    start_review,
    update_seminar,
)

__all__ = [
    "assign_reviewer", "auto_assign", "create_seminar", "open_call", "publish_results", "replace_paper",
    "start_review", "submit_paper", "submit_review", "unassign_reviewer", "update_seminar", "withdraw_paper",
]
