"""Writes of pairings and recommendations: each one function, one transaction, one audit entry."""
from .pairings import (
    add_help_photos,
    create_pairing,
    end_pairing,
    log_help,
    replace_pairing,
    update_pairing,
)
from .recommendations import (
    create_pairings,
    decide_row,
    run_recommendations,
    swap_helper,
)

__all__ = [
    "add_help_photos",
    "create_pairing",
    "create_pairings",
    "decide_row",
    "end_pairing",
    "log_help",
    "replace_pairing",
    "run_recommendations",
    "swap_helper",
    "update_pairing",
]
