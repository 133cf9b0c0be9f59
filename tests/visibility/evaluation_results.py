"""Visibility rows of the result pages: hidden from everyone until released (the county
admin, who runs the count, is told so with a 403), then each user reads the subjects they see."""
from ._evaluation_world import world

LOGIN = "302 to the login page"

R = "/evaluation/rounds"
#                                                                                       county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    ("GET",  f"{R}/{{released}}/results/",                               None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{R}/{{released}}/results/?sort=name&grade=none",          None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("POST", f"{R}/{{released}}/results/",                               {},   (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("GET",  f"{R}/{{closed}}/results/",                                 None, (403,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{R}/{{open}}/results/",                                   None, (403,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{R}/{{draft}}/results/",                                  None, (403,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{R}/{{released}}/results/subjects/{{released_in}}/",      None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{R}/{{released}}/results/subjects/{{released_out}}/",     None, (200,   404,   404,   200,   200,   404,   404,   404,   LOGIN)),
    ("GET",  f"{R}/{{released}}/results/subjects/{{closed_in}}/",        None, (404,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("GET",  f"{R}/{{closed}}/results/subjects/{{closed_in}}/",          None, (403,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{released}}/results/subjects/{{released_in}}/",      {},   (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
    ("GET",  f"{R}/{{released}}/results/export.xlsx",                    None, (200,   200,   200,   200,   200,   200,   200,   404,   LOGIN)),
    ("GET",  f"{R}/{{closed}}/results/export.xlsx",                      None, (403,   404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{R}/{{released}}/results/export.xlsx",                    {},   (405,   405,   405,   405,   405,   405,   405,   404,   LOGIN)),
]


def setup(tree) -> dict:
    return world(tree)
