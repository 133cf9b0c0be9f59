"""Pages of the organisation base: tree, lists, details and the forms that change them.

Every object is loaded through the user's visible queryset (invisible == missing == 404);
changes are checked with the rules predicates (403) and made by the domain functions.
"""
from .lists import (
    LeaderExport,
    LeaderList,
    MemberExport,
    MemberList,
    OrganizationExport,
    OrganizationList,
)
from .members import MemberDetail, MemberEdit
from .organizations import (
    MemberCreate,
    OrganizationCreate,
    OrganizationDetail,
    OrganizationDissolve,
    OrganizationEdit,
    OrganizationMerge,
    OrganizationMove,
)
from .tree import OrganizationTree, OrganizationTreeChildren

__all__ = [
    "LeaderExport", "LeaderList", "MemberCreate", "MemberDetail", "MemberEdit", "MemberExport", "MemberList",
    "OrganizationCreate", "OrganizationDetail", "OrganizationDissolve", "OrganizationEdit", "OrganizationExport",
    "OrganizationList", "OrganizationMerge", "OrganizationMove", "OrganizationTree", "OrganizationTreeChildren",
]
