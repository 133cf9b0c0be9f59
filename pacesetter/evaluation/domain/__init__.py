"""Writes of the evaluation mechanism: schemes, rounds, tokens and ballots.

Each function is one transaction with its audit entry (ballots excepted: an audit entry per
ballot would be a time-stamped, ordered record of voting, the very link secrecy forbids).
`by=None` is the system itself (commands, seeding). Setup belongs to the county admin.
"""
from .ballots import cast_ballot, check_answers, lookup_token, scheme_indicators
from .open import cast_open_ballot, lookup_open_key, open_group_id
from .paper import confirm_paper_count, enter_paper_count, reject_paper_count
from .rounds import (
    add_group, add_person_subjects, add_subjects, close_round, create_round, open_round, release_results,
)
from .schemes import activate_scheme, create_scheme, scheme_lock_reason, update_scheme
from .setup import (
    create_round_with_grading, make_tokens_for_subjects, remove_group, remove_subject, update_round,
)
from .tokens import MAX_TOKENS, make_tokens, token_hash

__all__ = [
    "MAX_TOKENS", "activate_scheme", "add_group", "add_person_subjects", "add_subjects", "cast_ballot", "check_answers",
    "close_round",
    "create_round", "create_scheme", "lookup_token", "make_tokens", "open_round", "release_results",
    "scheme_indicators", "token_hash", "update_scheme",
    "cast_open_ballot", "lookup_open_key", "open_group_id",
    "confirm_paper_count", "enter_paper_count", "reject_paper_count",
    "create_round_with_grading", "make_tokens_for_subjects", "remove_group", "remove_subject", "scheme_lock_reason",
    "update_round",
]
