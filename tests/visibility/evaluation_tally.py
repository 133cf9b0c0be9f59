"""Visibility rows of a round's tally page and its polled status part: county admins and
inspectors see them, county admins count; everyone else gets the 404 of a missing round."""
from . import _evaluation_world

LOGIN = "302 to the login page"
SAVED = "302 after a write"
HTMX = {"HTTP_HX_REQUEST": "true"}

#                                                                               county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  "/evaluation/rounds/{closed}/tally/",                   None,      (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{released}/tally/",                 None,      (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{draft}/tally/",                    None,      (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/999999/tally/",                     None,      (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{closed}/tally/",                   {},        (SAVED, 404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{open}/tally/",                     {},        (302,   404,   404,   404,   403,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{closed}/tally/progress/",          HTMX,      (200,   404,   404,   404,   200,   404,   404,   404,   LOGIN)),
    ("GET",  "/evaluation/rounds/{closed}/tally/progress/",          None,      (302,   404,   404,   404,   302,   404,   404,   404,   LOGIN)),
    ("POST", "/evaluation/rounds/{closed}/tally/progress/",          {},        (405,   404,   404,   404,   405,   404,   404,   404,   LOGIN)),
]


def setup(tree) -> dict:
    return _evaluation_world.world(tree)
