"""Visibility rows of the commitments dashboard and its export: everyone logged in reads
them over their own view (the figures differ, the answer does not); an unknown campaign
is an error on the page and a 404 for the export."""
from ._commitments_api_world import world

LOGIN = "302 to the login page"

D = "/commitments/dashboard"
#                                                                           county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{D}/",                                            None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{D}/?campaign={{campaign}}&sector=village&sort=progress", None, (200, 200, 200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{D}/?campaign=999999",                            None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("POST", f"{D}/",                                            {},   (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("GET",  f"{D}/export.xlsx",                                 None, (200,   200,   200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{D}/export.xlsx?campaign={{campaign}}&sector=village", None, (200, 200,  200,   200,   200,   200,   200,   200,   LOGIN)),
    ("GET",  f"{D}/export.xlsx?campaign=999999",                 None, (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{D}/export.xlsx",                                 {},   (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
]


def setup(tree) -> dict:
    return world(tree)
