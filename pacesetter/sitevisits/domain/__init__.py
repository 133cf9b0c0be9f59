"""Every write of observation meetings: one function each, its own transaction and audit entry."""
from .codes import display, issue_codes
from .meetings import (
    add_observers,
    add_site,
    close_scoring,
    create_meeting,
    link_site_photos,
    open_scoring,
    publish_results,
    remove_site,
)
from .sheets import Ticket, check_code, submit_sheet

__all__ = ["Ticket", "add_observers", "add_site", "check_code", "close_scoring", "create_meeting", "display",
           "issue_codes", "link_site_photos", "open_scoring", "publish_results", "remove_site", "submit_sheet"]
