"""`pacesetter import_orgs FILE [--user USERNAME] [--dry-run]`: the organisation tree from .xlsx or .csv."""
from pacesetter.orgs.importing.console import ImportCommand


class Command(ImportCommand):
    help = "Import organisations (.xlsx or .csv). Nothing is written unless every row is valid."
    kind = "organizations"
