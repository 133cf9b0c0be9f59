"""`pacesetter import_leaders FILE [--org CODE] [--user USERNAME] [--dry-run]`: county-level leaders.

The file has no organisation column: new leaders join --org, or without it the single
top organisation (the importing user's, or for the system the one root).
"""
from pacesetter.orgs.importing.console import LeaderImportCommand


class Command(LeaderImportCommand):
    help = "Import county-level leaders (.xlsx or .csv). Nothing is written unless every row is valid."
