"""Forms of the evaluation setup pages. They read and check input; the views hand it to the
domain functions, which decide."""
from .common import parse_codes
from .parts import (
    AddOrganizationsForm, AddOrganizationsUnderForm, AddPersonsForm, RemoveGroupForm, RemoveSubjectForm,
    RoundGroupForm,
)
from .rounds import ConfirmForm, RoundCreateForm, RoundFilter, RoundForm
from .schemes import SchemeFilter, option_points_text, row_errors, scheme_formsets
from .tokens import PRINT_MAX, TokenForm

__all__ = [
    "PRINT_MAX", "AddOrganizationsForm", "AddOrganizationsUnderForm", "AddPersonsForm", "ConfirmForm",
    "RemoveGroupForm", "RemoveSubjectForm", "RoundCreateForm", "RoundFilter", "RoundForm", "RoundGroupForm",
    "SchemeFilter", "TokenForm", "option_points_text", "parse_codes", "row_errors", "scheme_formsets",
]
