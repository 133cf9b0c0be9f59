"""Model fields of the evaluation app."""
from __future__ import annotations

import json

from django.db import models


class JSONTextField(models.JSONField):
    """A JSONField stored as PostgreSQL's `json` (the text as written, checked for syntax)
    instead of `jsonb`; elsewhere the same as JSONField.

    For a value that is written in bulk, read whole in Python and never looked into by SQL:
    `jsonb` converts every number into a `numeric` on the way in, and the packed cells of a
    county count (3,000 rows, ~1.6 MB of small integers) took ~0.17 s to COPY as `jsonb`
    against ~0.03 s as `json`. Reading is the same decoding in Python as a JSONField's
    (psycopg decodes `json` itself). SQL operators of `jsonb` (containment, key lookups
    with indexes) are not available on it.
    """

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return "json"
        return super().db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql":
            return super().get_db_prep_value(value, connection, prepared)
        if not prepared:
            value = self.get_prep_value(value)
        if hasattr(value, "as_sql"):
            return value
        # Plain text, which PostgreSQL reads as the column's type (a Jsonb parameter would be
        # `jsonb`). None is JSON null here, as in JSONField (SQL NULL never gets this far).
        return json.dumps(value, cls=self.encoder)

    def from_db_value(self, value, expression, connection):
        if value is None or not isinstance(value, str):
            return value
        return super().from_db_value(value, expression, connection)
