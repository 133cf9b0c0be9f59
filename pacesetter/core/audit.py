"""Writing and verifying the hash-chained audit log.

Every domain function calls `record()` inside its own transaction. Appends are serialised
by updating the single `AuditHead` row first (a row lock on PostgreSQL, the write lock on
SQLite), so the chain is one line even with many writers.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def jsonable(value):
    """The value as plain JSON types, exactly as it will read back from a JSONField."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict:
    """Field values of a model instance, by attribute name (foreign keys as ids)."""
    opts = instance._meta
    names = list(fields) if fields is not None else [f.name for f in opts.concrete_fields]
    data = {}
    for name in names:
        field = opts.get_field(name)
        data[field.attname if field.is_relation else name] = field.value_from_object(instance)
    return jsonable(data)


def _digest(prev_hash: str, entry: AuditEntry) -> str:
    body = json.dumps(
        [
            prev_hash,
            entry.at.astimezone(UTC).isoformat(),
            entry.actor_id,
            entry.actor_name,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.object_repr,
            entry.before,
            entry.after,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def record(
    action: str,
    *,
    by,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the domain function's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    updated = AuditHead.objects.filter(pk=1).update(count=F("count") + 1)
    if not updated:
        AuditHead.objects.create(pk=1, count=1, last_hash=GENESIS)
    head = AuditHead.objects.get(pk=1)
    actor = by if getattr(by, "is_authenticated", False) else None
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=actor.pk if actor else None,
        actor_name=actor.get_username() if actor else (str(by) if by else ""),
        action=action,
        object_type=str(object_type),
        object_id=str(object_id),
        object_repr=str(object_repr)[:200],
        before=jsonable(before),
        after=jsonable(after),
        prev_hash=head.last_hash,
    )
    entry.hash = _digest(head.last_hash, entry)
    entry.save(force_insert=True)
    AuditHead.objects.filter(pk=1).update(last_hash=entry.hash)
    return entry


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    reason: str


def verify_chain(*, chunk_size: int = 5000) -> Iterator[int | Break]:
    """Walk the chain in order. Yields the number of entries checked so far, or the first Break."""
    prev = GENESIS
    checked = 0
    last_id = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=chunk_size):
        if entry.prev_hash != prev:
            yield Break(entry.id, "previous entry is missing or was changed")
            return
        if _digest(prev, entry) != entry.hash:
            yield Break(entry.id, "entry content was changed")
            return
        prev = entry.hash
        last_id = entry.id
        checked += 1
        if checked % chunk_size == 0:
            yield checked
    head = AuditHead.objects.filter(pk=1).first()
    expected_count = head.count if head else 0
    expected_hash = head.last_hash if head else GENESIS
    if checked != expected_count or prev != expected_hash:
        yield Break(last_id or None, f"chain ends after {checked} entries but {expected_count} were written")
        return
    yield checked
