"""Every write of linkage: one function each, with its transaction and audit entry."""
from .activities import add_photos, record_activity, update_activity
from .units import add_honour, create_unit, update_honour, update_unit

__all__ = ["add_honour", "add_photos", "create_unit", "record_activity", "update_activity", "update_honour",
           "update_unit"]
