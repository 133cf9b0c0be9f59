"""What every import kind shares: finding the header, parsing columns, the result, bulk writes.

Cells are parsed a column at a time and existing rows are fetched with one query per
kind of lookup, so the number of queries does not grow with the file and 100,000 rows
take seconds, not minutes.
"""
from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pacesetter.core import audit

from . import cells
from .cells import CellError, display
from .columns import COLUMNS, Column, header_key, header_lookup
from .reading import ImportFileError, Progress, Sheet

# How far down the header row may be (a title row or two above it is common).
HEADER_SEARCH_ROWS = 20
WRITE_BATCH = 2000


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row (header = row 1), the column as headed in the file, why."""

    row: int | None
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)d") % {"row": self.row} if self.row else _("file")
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    kind: str
    filename: str = ""
    sha256: str = ""
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    moved: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.moved)

    def summary(self) -> str:
        if not self.ok:
            return ngettext(
                "%(n)d problem found; nothing was imported.", "%(n)d problems found; nothing was imported.",
                len(self.errors),
            ) % {"n": len(self.errors)}
        text = ngettext(
            "%(rows)d row: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
            "%(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
            self.rows,
        ) % {
            "rows": self.rows,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            text = _("Dry run, nothing written. %(summary)s") % {"summary": text}
        return text


class Rejected(Exception):
    """Validation found problems; the import stops before writing (and its transaction rolls back)."""


@dataclass
class Bound:
    """The data rows of a sheet, with the columns of one kind found in its header."""

    kind: str
    sheet: Sheet
    header_row: int
    headers: dict[str, str]  # column key -> header as written in the file
    index: dict[str, int]  # column key -> position in the row
    numbers: list[int]  # spreadsheet row number of each data row
    rows: list[list]
    unknown: list[str]

    @property
    def columns(self) -> list[Column]:
        return [c for c in COLUMNS[self.kind] if c.key in self.index]


@contextmanager
def paused_gc():
    """No cyclic garbage collection while a file is imported.

    An import builds millions of small tuples and lists that are all still in use; the
    collector would walk them again and again and find nothing (measured: about a tenth
    of the import's time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_blank(row: Sequence) -> bool:
    for cell in row:
        if cell is None or cell == "":
            continue
        if type(cell) is str and not cell.strip():
            continue
        return False
    return True


def bind(kind: str, sheet: Sheet) -> Bound:
    """Find the header row, match its columns, keep the non-blank rows below it."""
    lookup = header_lookup(kind)
    if all(_is_blank(row) for row in sheet.rows):
        raise ImportFileError(_("The file is empty: it has no header row and no data."), code="empty")
    best, best_score = None, 0
    for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        score = sum(1 for cell in row if header_key(cell) in lookup)
        if score > best_score:
            best, best_score = number, score
    if best is None:
        expected = "、".join(c.header for c in COLUMNS[kind] if c.required)
        raise ImportFileError(
            _("No header row found: the first row must name the columns, such as %(columns)s.")
            % {"columns": expected},
            code="no_header",
        )
    headers, index, unknown = {}, {}, []
    errors = []
    for position, cell in enumerate(sheet.rows[best]):
        written = display(cell)
        if not written:
            continue
        column = lookup.get(header_key(cell))
        if column is None:
            unknown.append(written)
        elif column.key in index:
            errors.append(RowError(best + 1, written, written, _("This column appears twice.")))
        else:
            headers[column.key] = written
            index[column.key] = position
    for column in COLUMNS[kind]:
        if column.required and column.key not in index:
            errors.append(
                RowError(best + 1, column.header, "", _("Required column %(column)s is missing.") % {"column": column.header})
            )
    width = max(index.values(), default=0) + 1
    numbers, rows = [], []
    for number, row in enumerate(sheet.rows[best + 1 :], start=best + 2):
        if _is_blank(row):
            continue
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        numbers.append(number)
        rows.append(row)
    if errors:
        raise Rejected(errors)
    if not rows:
        raise ImportFileError(_("The file has a header row but no data rows."), code="no_rows")
    return Bound(kind, sheet, best + 1, headers, index, numbers, rows, unknown)


def parse_columns(bound: Bound, errors: list[RowError], progress: Progress | None = None) -> tuple[dict, set[int]]:
    """Parse each present column; returns the values by column key and the positions of bad rows.

    A column is parsed in one list comprehension and only walked cell by cell when some
    cell fails, to collect every failure; columns with few distinct values (enums,
    organisation codes) parse each distinct value once.
    """
    values: dict[str, list] = {}
    bad: set[int] = set()
    numbers = bound.numbers
    columns = bound.columns
    transposed = list(zip(*bound.rows))
    cells.TODAY[0] = timezone.localdate()
    try:
        for step, column in enumerate(columns):
            header = bound.headers[column.key]
            raw = transposed[bound.index[column.key]]
            parse = column.parse
            failed: list[tuple[int, str]] = []
            if column.repeats:
                memo = {key: _attempt(parse, key[1]) for key in set(zip(map(type, raw), raw))}
                if any(message is not None for _value, message in memo.values()):
                    results = [memo[key] for key in zip(map(type, raw), raw)]
                    out = [value for value, _message in results]
                    failed = [(at, message) for at, (_value, message) in enumerate(results) if message is not None]
                else:
                    plain = {key: value for key, (value, _message) in memo.items()}
                    out = [plain[key] for key in zip(map(type, raw), raw)]
            else:
                try:
                    out = [parse(cell) for cell in raw]
                except CellError:
                    results = [_attempt(parse, cell) for cell in raw]
                    out = [value for value, _message in results]
                    failed = [(at, message) for at, (_value, message) in enumerate(results) if message is not None]
            for at, message in failed:
                errors.append(RowError(numbers[at], header, display(raw[at]), message))
                bad.add(at)
            if not column.blank and ("" in out or None in out):
                missing = _("This value is required.")
                unparsable = {at for at, _message in failed}
                for at, value in enumerate(out):
                    if (value == "" or value is None) and at not in unparsable:
                        errors.append(RowError(numbers[at], header, "", missing))
                        bad.add(at)
            values[column.key] = out
            if progress:
                progress("check", step + 1, len(columns) + 1)
    finally:
        cells.TODAY[0] = None
    return values, bad


def _attempt(parse, raw) -> tuple:
    try:
        return parse(raw), None
    except CellError as exc:
        return None, exc.message


def duplicate_codes(bound: Bound, codes: list, errors: list[RowError], bad: set[int]) -> dict[str, int]:
    """Position of each code's first row; later rows with the same code are errors."""
    first = dict(zip(codes, range(len(codes))))
    if len(first) == len(codes) and "" not in first and None not in first:
        return first  # all different: the usual case, settled without a Python loop
    first = {}
    header = bound.headers["code"]
    for at, code in enumerate(codes):
        if not code:
            continue
        seen = first.setdefault(code, at)
        if seen != at:
            errors.append(
                RowError(
                    bound.numbers[at], header, code,
                    _("Code %(code)s appears more than once in this file (first in row %(row)d).")
                    % {"code": code, "row": bound.numbers[seen]},
                )
            )
            bad.add(at)
    return first


def lookup_chunk() -> int:
    """How many values one `IN (...)` may carry on this database."""
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return max(100, min(5000, limit - 10))
    return 5000


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def key_set(keys: list[str]):
    """`keys` as the right-hand side of one `__in`, however many there are.

    Django prepares every value of a plain list on its own (about 10 µs each, a second per
    100,000 codes); one JSON or array parameter costs nothing and has no parameter limit.
    """
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(keys, ensure_ascii=False)])
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::text[])", [keys])
    return keys


def fetch_by(queryset, field_name: str, keys: Iterable, fields: Sequence[str]) -> list[tuple]:
    """values_list rows whose `field_name` (a text column) is one of `keys`, in one query."""
    keys = sorted(set(k for k in keys if k))
    if not keys:
        return []
    if connection.vendor in ("sqlite", "postgresql"):
        return list(queryset.filter(**{f"{field_name}__in": key_set(keys)}).values_list(*fields))
    out: list[tuple] = []
    for chunk in chunks(keys, lookup_chunk()):
        out.extend(queryset.filter(**{f"{field_name}__in": chunk}).values_list(*fields))
    return out


def in_paths(path: str, roots: list[str] | None) -> bool:
    """Whether `path` lies in one of the subtrees `roots` (None means everywhere)."""
    if roots is None:
        return True
    return any(path.startswith(root) for root in roots)


def db_column(model: type[Model], attr: str, values: list) -> list:
    """A column's values as the database stores them, where converting a whole column at
    once is cheaper than the driver's per-value adapter (SQLite stores dates as text)."""
    if connection.vendor == "sqlite" and model._meta.get_field(attr).get_internal_type() == "DateField":
        return [value.isoformat() if value is not None else None for value in values]
    return values


def insert_rows(model: type[Model], fields: Sequence[str], rows: list[tuple], progress: Progress | None = None) -> None:
    """INSERT many rows with one prepared statement (executemany), stamping created/updated.

    bulk_create on SQLite is held to 999 parameters a statement (about 80 members), and
    builds a model instance per row; one statement run many times is several times faster.
    Values must already be clean: the importer validated every cell. Dates go to the
    driver as they are: psycopg binds them, and Django registers sqlite3's adapter.
    """
    now = timezone.now()
    opts = model._meta
    quote = connection.ops.quote_name
    names = [*fields, "created_at", "updated_at"]
    columns = ", ".join(quote(opts.get_field(name).column) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({placeholders})"  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter
    stamp = connection.ops.adapt_datetimefield_value(now)
    done = 0
    with connection.cursor() as cursor:
        for chunk in chunks(rows, WRITE_BATCH * 5):
            cursor.executemany(sql, [(*row, stamp, stamp) for row in chunk])
            done += len(chunk)
            if progress:
                progress("write", done, len(rows))


def update_rows(model: type[Model], objects: list[Model], fields: Iterable[str], progress: Progress | None = None) -> None:
    """bulk_update in batches, stamping updated_at."""
    now = timezone.now()
    fields = sorted(set(fields) | {"updated_at"})
    done = 0
    for chunk in chunks(objects, WRITE_BATCH // 4):
        for obj in chunk:
            obj.updated_at = now
        model.objects.bulk_update(chunk, fields)
        done += len(chunk)
        if progress:
            progress("write", done, len(objects))


def record_import(result: ImportResult, *, action: str, model: type[Model], by, before: dict, after: dict) -> None:
    """One audit entry for the whole import: the file's hash, the counts, which codes changed how."""
    audit.record(
        action,
        by=by,
        object_type=model._meta.label_lower,
        object_repr=result.filename,
        before=before or None,
        after={
            "file": result.filename,
            "sha256": result.sha256,
            "rows": result.rows,
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": result.unchanged,
            "created_codes": result.created,
            "updated_codes": result.updated,
            "moved_codes": result.moved,
            "changes": after,
        },
    )
