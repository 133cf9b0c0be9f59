"""Visibility rows of the county goal pages.

Every signed-in user reads the tree and each goal (the county's frame for all work; what
serves a goal is listed through the reader's own `tasks_visible_to` / `items_visible_to`);
only county admins add, change, move and take goals out of force (403 for everyone else).
A goal code that does not exist is a 404 for everyone.

The world: goal VG (a strategy) with the sub-goal VG.1 (a target).
"""
from pacesetter.orgs import goals

LOGIN = "302 to the login page"
SAVED = "302 after a write"

NEW = {"code": "VG.2", "name": "新目标", "kind": "target", "description": ""}
EDIT = {"code": "VG", "name": "工业强县战略", "kind": "strategy", "description": "以工业化为核心"}
G = "/goals"
#                                                                 county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{G}/",                                 None,       (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{G}/?q=VG&kind=target&state=active",   None,       (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", f"{G}/",                                 {},         (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{G}/VG/",                              None,       (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{G}/VG/?tasks=2&items=2",              None,       (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{G}/NOPE9/",                           None,       (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{G}/new/",                             None,       (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{G}/new/?parent=VG",                   None,       (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{G}/new/?parent=NOPE9",                None,       (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{G}/new/?parent=VG",                   {},         (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{G}/new/?parent=VG",                   NEW,        (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{G}/VG/edit/",                         None,       (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{G}/VG/edit/",                         {},         (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{G}/VG/edit/",                         EDIT,       (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{G}/VG.1/move/",                       None,       (200,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{G}/VG.1/move/",                       {"parent": "0"}, (200, 403, 403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{G}/VG.1/move/",                       {},         (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{G}/VG/active/",                       None,       (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("POST", f"{G}/VG/active/",                       {},         (302,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("POST", f"{G}/VG/active/",                       {"active": "0"}, (SAVED, 403, 403,  403,   403,   403,   403,   403,   LOGIN)),
]


def setup(tree) -> dict:
    root = goals.create_goal(by=tree.users.county_admin, code="VG", name="工业强县", kind="strategy")
    goals.create_goal(by=tree.users.county_admin, parent=root, code="VG.1", name="新开工项目40个", kind="target")
    return {}
