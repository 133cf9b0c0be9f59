"""Every write of selections: one function each, its own transaction and audit entry."""
from .common import add_working_days
from .nominations import may_review, nominate, review_level, review_nomination, withdraw_nomination
from .notice import answer_objection, finalise_selection, lodge_objection, objections_per_hour, on_notice_today
from .selections import (
    add_honour_kind,
    change_honour_kind,
    change_selection,
    create_selection,
    open_nominations,
    shortlist,
    start_notice,
    start_review,
)

__all__ = ["add_honour_kind", "add_working_days", "answer_objection", "change_honour_kind", "change_selection",
           "create_selection", "finalise_selection", "lodge_objection", "may_review", "nominate",
           "objections_per_hour", "on_notice_today", "open_nominations", "review_level", "review_nomination",
           "shortlist", "start_notice", "start_review", "withdraw_nomination"]
