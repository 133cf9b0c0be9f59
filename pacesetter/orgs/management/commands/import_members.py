"""`pacesetter import_members FILE [--user USERNAME] [--dry-run]`: party members from .xlsx or .csv."""
from pacesetter.orgs.importing.console import ImportCommand


class Command(ImportCommand):
    help = "Import party members (.xlsx or .csv). Nothing is written unless every row is valid."
    kind = "members"
