"""Every write of activities: one function each, with its transaction and audit entry."""
from .activities import (
           add_photos,
           cancel_activity,
           hold_activity,
           plan_activity,
           record_minutes,
           update_activity,
)
from .attendance import check_sign_in, mark_attendance, sign_in

__all__ = ["add_photos", "cancel_activity", "check_sign_in", "hold_activity", "mark_attendance", "plan_activity", "record_minutes", "sign_in",
           "update_activity"]
