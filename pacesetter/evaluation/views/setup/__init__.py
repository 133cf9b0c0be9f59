"""Staff pages that set evaluations up: schemes, rounds, their subjects and voter groups,
the state buttons, and tokens with their printable slips. Writes go through the domain."""
from .parts import RoundGroups, RoundSubjects
from .rounds import RoundClose, RoundCreate, RoundDetail, RoundEdit, RoundList, RoundOpen, RoundRelease
from .schemes import SchemeActivate, SchemeCreate, SchemeDetail, SchemeEdit, SchemeList
from .tokens import RoundTokens

__all__ = [
    "RoundClose", "RoundCreate", "RoundDetail", "RoundEdit", "RoundGroups", "RoundList", "RoundOpen", "RoundRelease",
    "RoundSubjects", "RoundTokens", "SchemeActivate", "SchemeCreate", "SchemeDetail", "SchemeEdit", "SchemeList",
]
