"""Importing the organisation tree.

New organisations get treebeard materialised paths assigned here in bulk: the next free
step under their parent (steplen 4, alphabet 0-9A-Z), parents before children, and the
parents' `numchild` raised by the number of new children. Moving an existing
organisation under another parent is rare and goes through `domain.move_organization`,
which leaves its own audit entry.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext as _

from .. import domain
from ..enums import OrgStatus
from ..models import Organization
from .engine import (
    Bound,
    ImportResult,
    Rejected,
    RowError,
    chunks,
    duplicate_codes,
    fetch_by,
    in_paths,
    insert_rows,
    lookup_chunk,
    parse_columns,
    record_import,
    update_rows,
)
from .flat import CODE_TAKEN
from .reading import Progress

STEP = Organization.steplen
ORG_ATTRS = {
    "name": "name",
    "level": "level",
    "sector": "sector",
    "township": "township",
    "secretary": "secretary",
    "established": "established",
}
ORG_DEFAULTS = {"township": "", "secretary": "", "established": None}
_LOADED = ("pk", "code", "path", "depth", "numchild", "status")


@dataclass
class Node:
    """An organisation as the import sees it: in the database (`path`), in the file (`at`), or both."""

    code: str
    pk: int | None = None
    path: str = ""
    depth: int = 0
    numchild: int = 0
    status: str = OrgStatus.ACTIVE
    current: tuple = ()
    at: int | None = None  # position of its row in the file

    @property
    def exists(self) -> bool:
        return self.pk is not None


def run_organizations(bound: Bound, result: ImportResult, *, by, visible, editable,
                      dry_run: bool, progress: Progress | None) -> None:
    errors: list[RowError] = []
    values, bad = parse_columns(bound, errors, progress)
    codes, parents = values["code"], values["parent_code"]
    first = duplicate_codes(bound, codes, errors, bad)
    keys = [key for key in ORG_ATTRS if key in values]
    attrs = [ORG_ATTRS[key] for key in keys]
    columns = [values[key] for key in keys]
    numbers = bound.numbers
    code_header, parent_header = bound.headers["code"], bound.headers["parent_code"]

    # Everything the file names, and the parents of what exists, in a few queries; the
    # rows are locked so paths and child counts cannot change under the import.
    locked = Organization.objects.select_for_update()
    nodes: dict[str, Node] = {}
    for pk, code, path, depth, numchild, status, *current in fetch_by(
        locked, "code", [*codes, *parents], (*_LOADED, *attrs)
    ):
        nodes[code] = Node(code, pk, path, depth, numchild, status, tuple(current))
    by_path = {node.path: node for node in nodes.values()}
    missing = {node.path[:-STEP] for node in nodes.values() if node.depth > 1} - by_path.keys()
    for pk, code, path, depth, numchild, status in fetch_by(locked, "path", missing, _LOADED):
        by_path[path] = Node(code, pk, path, depth, numchild, status)
    for code, at in first.items():
        nodes.setdefault(code, Node(code)).at = at

    def current_parent(node: Node) -> Node | None:
        return by_path.get(node.path[:-STEP]) if node.exists and node.depth > 1 else None

    def error(at: int, column: str, value: str, message: str) -> None:
        errors.append(RowError(numbers[at], column, value, message))
        bad.add(at)

    # Each row's parent in the finished tree (None: the top), and what the row does.
    final_parent: dict[str, str | None] = {}
    creates, updates, moves = [], [], []
    unchanged = 0
    for code, at in first.items():
        if at in bad:
            continue
        node = nodes[code]
        parent_code = parents[at]
        if node.exists and not in_paths(node.path, visible):
            error(at, code_header, code, _(CODE_TAKEN))
            continue
        was = current_parent(node)
        if not parent_code:
            if node.exists and was is not None and in_paths(was.path, visible):
                error(at, parent_header, "", _(
                    "%(code)s lies under %(parent)s; an import cannot make it a top organisation. "
                    "Write its parent's code."
                ) % {"code": code, "parent": was.code})
                continue
            if not node.exists and editable is not None:
                error(at, parent_header, "", _("Write the code of the organisation above it; only the system "
                                               "administrator can add a top organisation."))
                continue
            final_parent[code] = was.code if was is not None else None
        else:
            if parent_code == code:
                error(at, parent_header, parent_code, _("An organisation cannot be its own parent."))
                continue
            parent = nodes.get(parent_code)
            if parent is None or (parent.at is None and not in_paths(parent.path, visible)):
                error(at, parent_header, parent_code,
                      _("Unknown parent organisation code %(code)s.") % {"code": parent_code})
                continue
            final_parent[code] = parent_code
            placing = not node.exists or was is None or was.code != parent_code
            if placing and parent.exists:
                if not in_paths(parent.path, editable):
                    error(at, parent_header, parent_code,
                          _("You may not add organisations under %(code)s.") % {"code": parent_code})
                    continue
                if parent.status != OrgStatus.ACTIVE:
                    error(at, parent_header, parent_code,
                          _("Parent organisation %(code)s is archived (dissolved or merged).") % {"code": parent_code})
                    continue
        new = tuple(column[at] for column in columns)
        if not node.exists:
            creates.append(code)
            continue
        changed = new != node.current
        moving = final_parent[code] != (was.code if was is not None else None)
        if not changed and not moving:
            unchanged += 1
            continue
        if not in_paths(node.path, editable):
            error(at, code_header, code, _("You may not change organisation %(code)s.") % {"code": code})
            continue
        if changed:
            updates.append((code, new))
        if moving:
            moves.append(code)

    up = _climber(final_parent, nodes)
    _find_cycles(final_parent, nodes, up, parent_header, error)
    if progress:
        progress("check", 1, 1)
    if errors:
        raise Rejected(errors)

    result.rows = len(codes)
    result.created = creates
    result.updated = sorted({code for code, _new in updates} | set(moves), key=lambda c: first[c])
    result.moved = moves
    result.unchanged = unchanged
    if dry_run or not result.changed:
        return

    rank = _ranks(final_parent, up)
    _create(sorted(creates, key=rank.__getitem__), nodes, final_parent, attrs, columns, progress)
    before, after = {}, {}
    objects = []
    for code, new in updates:
        node = nodes[code]
        changed = [i for i, (a, b) in enumerate(zip(new, node.current)) if a != b]
        objects.append(Organization(pk=node.pk, **dict(zip(attrs, new))))
        before[code] = {attrs[i]: node.current[i] for i in changed}
        after[code] = {attrs[i]: new[i] for i in changed}
    update_rows(Organization, objects, {a for code in after for a in after[code]}, progress)
    for code in sorted(moves, key=rank.__getitem__):
        org = Organization.objects.get(pk=nodes[code].pk)
        new_parent = Organization.objects.get(code=final_parent[code])
        domain.move_organization(org, new_parent=new_parent, by=by)
        before.setdefault(code, {})["parent_code"] = (current_parent(nodes[code]) or Node("")).code
        after.setdefault(code, {})["parent_code"] = final_parent[code]
    record_import(result, action="orgs.import", model=Organization, by=by, before=before, after=after)


def _climber(final_parent: dict, nodes: dict[str, Node]):
    """`up(code)`: the next file row above `code` in the finished tree, and whether the way
    there went through the existing tree.

    Only the file's rows change parents, so from an organisation not in the file the way up
    follows the existing tree to the nearest organisation that is in the file.
    """
    in_file_paths = {node.path: code for code, node in nodes.items() if node.exists and code in final_parent}

    def up(code: str) -> tuple[str | None, bool]:
        parent = final_parent[code]
        if parent is None or parent in final_parent:
            return parent, False
        path = nodes[parent].path if parent in nodes else ""
        for end in range(len(path) - STEP, 0, -STEP):
            if found := in_file_paths.get(path[:end]):
                return found, True
        return None, True

    return up


def _find_cycles(final_parent: dict, nodes: dict[str, Node], up, parent_header: str, error) -> None:
    """Refuse rows whose parents lead back to themselves, in the file or through the existing tree."""
    state: dict[str, int] = {}  # 1 on the current way up, 2 finished
    for start in final_parent:
        way, through_tree = [], []
        code = start
        while code is not None and code not in state:
            state[code] = 1
            way.append(code)
            code, via_tree = up(code)
            through_tree.append(via_tree)
        if code is not None and state[code] == 1:
            begin = way.index(code)
            loop = way[begin:]
            tree_used = any(through_tree[begin:])
            shown = " → ".join(_chain(loop, final_parent, nodes))
            for member in loop:
                parent = final_parent[member]
                if tree_used:
                    message = _(
                        "%(code)s cannot be put under %(parent)s: that would place it inside its own "
                        "sub-organisations (%(cycle)s)."
                    ) % {"code": member, "parent": parent, "cycle": shown}
                else:
                    message = _("The parent codes in this file go round in a circle: %(cycle)s.") % {"cycle": shown}
                error(nodes[member].at, parent_header, parent or "", message)
        for code in way:
            state[code] = 2


def _chain(loop: list[str], final_parent: dict, nodes: dict[str, Node]) -> list[str]:
    """The cycle as codes, naming the existing organisations it passes through."""
    shown = []
    for position, code in enumerate(loop):
        shown.append(code)
        parent, following = final_parent[code], loop[(position + 1) % len(loop)]
        if parent != following:
            shown.append(parent)
            if parent in nodes and following in nodes and nodes[parent].depth - nodes[following].depth > 1:
                shown.append("…")
    return [*shown, loop[0]]


def _ranks(final_parent: dict, up) -> dict[str, int]:
    """How many file rows lie above each row in the finished tree: parents sort before children,
    and a move happens only once everything above its new place is where it will stay."""
    rank: dict[str, int] = {}
    for start in final_parent:
        way, code = [], start
        while code is not None and code not in rank:
            way.append(code)
            code, _via_tree = up(code)
        base = rank[code] if code is not None else 0
        for depth, item in enumerate(reversed(way), start=1):
            rank[item] = base + depth
    return rank


def _last_steps(parent_paths: set[str]) -> dict[str, int]:
    """The last step used under each existing parent ('' for the roots), in a few queries."""
    last: dict[str, int] = {}
    to_int = Organization._str2int
    if "" in parent_paths:
        top = Organization.objects.filter(depth=1).aggregate(last=Max("path"))["last"]
        last[""] = to_int(top) if top else 0
    paths = sorted(parent_paths - {""})
    depths = {len(p) // STEP + 1 for p in paths}
    for chunk in chunks(paths, lookup_chunk()):
        rows = (
            Organization.objects.filter(depth__in=depths)
            .annotate(parent_path=Substr("path", 1, Length("path") - STEP))
            .filter(parent_path__in=chunk)
            .values("parent_path")
            .annotate(last=Max("path"))
            .order_by()
        )
        for row in rows:
            last[row["parent_path"]] = to_int(row["last"][-STEP:])
    return last


def _create(order: list[str], nodes: dict[str, Node], final_parent: dict, attrs: list[str],
            columns: list[list], progress: Progress | None) -> None:
    parent_paths = {
        nodes[final_parent[code]].path if final_parent[code] else ""
        for code in order
        if final_parent[code] is None or nodes[final_parent[code]].exists
    }
    next_step = {path: step + 1 for path, step in _last_steps(parent_paths).items()}
    added: dict[str, int] = {}  # code of an existing parent -> new children
    new_children: dict[str, int] = {}
    for code in order:
        parent = final_parent[code]
        if parent is not None:
            new_children[parent] = new_children.get(parent, 0) + 1
    rows = []
    extra = {name: value for name, value in ORG_DEFAULTS.items() if name not in attrs}
    for code in order:
        node = nodes[code]
        parent = nodes[final_parent[code]] if final_parent[code] else None
        base = parent.path if parent else ""
        step = next_step.get(base, 1)
        next_step[base] = step + 1
        node.depth = parent.depth + 1 if parent else 1
        node.path = Organization._get_path(base, node.depth, step)
        if len(node.path) > len(base) + STEP:
            raise Rejected([RowError(None, "", code, _("Too many organisations under one parent."))])
        node.numchild = new_children.get(code, 0)
        if parent is not None and parent.exists:
            added[parent.code] = added.get(parent.code, 0) + 1
        rows.append(
            (code, node.path, node.depth, node.numchild, OrgStatus.ACTIVE.value,
             *(column[node.at] for column in columns), *extra.values())
        )
    insert_rows(Organization, ["code", "path", "depth", "numchild", "status", *attrs, *extra], rows, progress)
    parents = [Organization(pk=nodes[code].pk, numchild=nodes[code].numchild + n) for code, n in added.items()]
    update_rows(Organization, parents, ["numchild"])
