"""Members and leaders: flat lists matched by code, each record inside some organisation.

Both kinds run the same steps: parse, refuse duplicate codes, fetch the existing records
by code (a few queries), decide per row create / update / unchanged, then write in bulk.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .engine import (
    Bound,
    ImportResult,
    Rejected,
    RowError,
    db_column,
    duplicate_codes,
    fetch_by,
    in_paths,
    insert_rows,
    parse_columns,
    record_import,
    update_rows,
)
from .reading import Progress

# Said of a code whether its record lies outside the user's view or not: a code in use
# cannot be reused, and these words reveal nothing more than that.
CODE_TAKEN = gettext_noop("This code is already in use by a record you cannot change; choose another code.")


@dataclass
class FlatKind:
    model: type[Model]
    action: str
    attrs: dict[str, str]  # column key -> model attribute
    defaults: dict[str, object]  # attribute -> value for new records when the file has no such column
    # Replaces parsed column values by what is stored, e.g. organisation codes by ids:
    # (bound, values, errors, bad) -> {row position: (attribute, RowError)}, changing
    # `values` in place. The returned errors count only when the row is created or that
    # attribute changes (a member may stay in a dissolved branch, not be added to one).
    resolve: Callable | None = None


def run_flat(spec: FlatKind, bound: Bound, result: ImportResult, *, by, visible, editable,
             dry_run: bool, progress: Progress | None) -> None:
    errors: list[RowError] = []
    values, bad = parse_columns(bound, errors, progress)
    codes = values["code"]
    duplicate_codes(bound, codes, errors, bad)
    pending = spec.resolve(bound, values, errors, bad) if spec.resolve is not None else {}

    keys = [key for key in spec.attrs if key in values and key != "code"]
    attrs = [spec.attrs[key] for key in keys]
    columns = [values[key] for key in keys]
    existing = {
        row[1]: row
        for row in fetch_by(spec.model.objects, "code", codes, ("pk", "code", *attrs, "organization__path"))
    }
    numbers = bound.numbers
    code_header = bound.headers["code"]
    creates: list[int] = []
    updates: list[tuple[int, tuple, list[int]]] = []
    unchanged = 0
    if not existing and not pending and not bad:  # a first import: everything is new
        creates, codes_to_check, file_rows = list(range(len(codes))), (), []
    else:
        codes_to_check = codes
        file_rows = list(zip(*columns)) if columns else [()] * len(codes)
    for at, code in enumerate(codes_to_check):
        if at in bad:
            continue
        old = existing.get(code)
        if old is None:
            if at in pending:
                errors.append(pending[at][1])
            else:
                creates.append(at)
            continue
        path = old[-1]
        if not in_paths(path, visible):
            errors.append(RowError(numbers[at], code_header, code, _(CODE_TAKEN)))
            continue
        new = file_rows[at]
        current = old[2:-1]
        if new == current:
            unchanged += 1
            continue
        if not in_paths(path, editable):
            errors.append(RowError(numbers[at], code_header, code, _("You may not change this record.")))
            continue
        changed = [i for i, (a, b) in enumerate(zip(new, current)) if a != b]
        if at in pending and attrs.index(pending[at][0]) in changed:
            errors.append(pending[at][1])
        else:
            updates.append((at, new, changed))
    if progress:
        progress("check", 1, 1)
    if errors:
        raise Rejected(errors)

    result.rows = len(codes)
    result.created = [codes[at] for at in creates]
    result.updated = [codes[at] for at, _new, _changed in updates]
    result.unchanged = unchanged
    if dry_run or not (creates or updates):
        return

    extra = {name: value for name, value in spec.defaults.items() if name not in attrs}
    constants = tuple(extra.values())
    if len(creates) == len(codes):  # a first import: every row is new, build the rows in C
        stored = [db_column(spec.model, attr, column) for attr, column in zip(attrs, columns)]
        new_rows = list(zip(codes, *stored, *(repeat(value) for value in constants)))
    else:
        new_rows = [(codes[at], *file_rows[at], *constants) for at in creates]
    insert_rows(spec.model, ["code", *attrs, *extra], new_rows, progress)

    objects, changed_attrs, before, after = [], set(), {}, {}
    for at, new, changed in updates:
        old = existing[codes[at]]
        objects.append(spec.model(pk=old[0], **dict(zip(attrs, new))))
        changed_attrs.update(attrs[i] for i in changed)
        before[codes[at]] = {attrs[i]: old[2 + i] for i in changed}
        after[codes[at]] = {attrs[i]: new[i] for i in changed}
    update_rows(spec.model, objects, changed_attrs, progress)
    record_import(result, action=spec.action, model=spec.model, by=by, before=before, after=after)
