"""Visibility rows of the photo exhibition: its pages under /exhibition/ and its endpoints
under /api/v1/exhibition-*.

The world: theme 志愿服务; a published photo of T1B1, one of T1B1 awaiting moderation
(uploaded by T1B1's admin) and one of T2B1 awaiting moderation (uploaded by the county
admin). Published photos, their pages and files are public (anonymous included); a photo
awaiting moderation is seen by its uploader, the admins of a subtree holding its
organisation and county admins, and is a 404 to anyone else. Uploading is for organisation
and county admins; moderating and themes for county admins (403 for the others who see the
photo).
"""
from pacesetter.exhibition import domain
from tests.exhibition.helpers import TAKEN, jpeg_with_gps

LOGIN = "302 to the login page"
SAVED = "302 after a write"
X = "/exhibition"
A = 401


def everyone(status) -> tuple:
    return (status,) * 9


SIGNED_IN = (200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
COUNTY = (200, 403, 403, 403, 403, 403, 403, 403, LOGIN)
EDITORS = (200, 200, 200, 403, 403, 403, 403, 403, LOGIN)
PENDING_IN = (200, 200, 200, 404, 404, 404, 404, 404, 404)
PENDING_OUT = (200, 404, 404, 404, 404, 404, 404, 404, 404)
APPROVE = {"action": "approve", "next": "/exhibition/moderation/"}
TAKE_DOWN = {"action": "reject", "reason": "涉及个人隐私"}
NEW_THEME = {"name": "新主题", "position": "3", "is_active": "on"}
UPLOAD_WITHOUT_FILES = {"organization": "T1B1", "theme": "{theme}", "caption": "植树", "taken_on": "2026-03-01"}

#                                                                                  county org    branch leader insp   member affil  nobody anon
PAGE_ROWS = [
    # The public gallery and the big screen
    ("GET",  f"{X}/",                                                   None,      everyone(200)),
    ("GET",  f"{X}/?theme={{theme}}&township=一号镇&sector=village&page=2", None,   everyone(200)),
    ("GET",  f"{X}/?theme=999999",                                      None,      everyone(200)),
    ("POST", f"{X}/",                                                   {},        everyone(405)),
    ("GET",  f"{X}/screen/",                                            None,      everyone(200)),
    ("GET",  f"{X}/screen/?theme={{theme}}&seconds=5",                  None,      everyone(200)),
    ("POST", f"{X}/screen/",                                            {},        everyone(405)),
    # A photo's page and its files
    ("GET",  f"{X}/photo/{{approved}}/",                                None,      everyone(200)),
    ("GET",  f"{X}/photo/{{pending_in}}/",                              None,      PENDING_IN),
    ("GET",  f"{X}/photo/{{pending_out}}/",                             None,      PENDING_OUT),
    ("POST", f"{X}/photo/{{approved}}/",                                {},        everyone(405)),
    ("GET",  f"{X}/photo/{{approved}}/image/",                          None,      everyone(200)),
    ("GET",  f"{X}/photo/{{pending_in}}/image/",                        None,      PENDING_IN),
    ("GET",  f"{X}/photo/{{pending_out}}/image/",                       None,      PENDING_OUT),
    ("GET",  f"{X}/photo/{{approved}}/thumbnail/",                      None,      everyone(200)),
    ("GET",  f"{X}/photo/{{pending_in}}/thumbnail/",                    None,      PENDING_IN),
    ("GET",  f"{X}/photo/{{pending_out}}/thumbnail/",                   None,      PENDING_OUT),
    ("POST", f"{X}/photo/{{approved}}/image/",                          {},        everyone(405)),
    # Moderation: county admins
    ("GET",  f"{X}/photo/{{pending_in}}/moderate/",                     None,      (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    ("POST", f"{X}/photo/{{pending_in}}/moderate/",                     APPROVE,   (SAVED, 403,   403,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{X}/photo/{{pending_out}}/moderate/",                    APPROVE,   (SAVED, 404,   404,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{X}/photo/{{pending_in}}/moderate/",                     {"action": "reject"},
                                                                                   (302,   403,   403,   404,   404,   404,   404,   404,   LOGIN)),
    ("POST", f"{X}/photo/{{approved}}/moderate/",                       TAKE_DOWN, (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{X}/moderation/",                                        None,      COUNTY),
    ("GET",  f"{X}/moderation/?status=approved&theme={{theme}}",        None,      COUNTY),
    ("POST", f"{X}/moderation/",                                        {},        (405,   403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    # Uploading and one's organisations' photos
    ("GET",  f"{X}/upload/",                                            None,      EDITORS),
    ("POST", f"{X}/upload/",                                            {},        EDITORS),
    ("POST", f"{X}/upload/",                                            UPLOAD_WITHOUT_FILES, EDITORS),
    ("GET",  f"{X}/mine/",                                              None,      SIGNED_IN),
    ("GET",  f"{X}/mine/?status=submitted&theme={{theme}}&page=3",      None,      SIGNED_IN),
    ("POST", f"{X}/mine/",                                              {},        (405,   405,   405,   405,   405,   405,   405,   405,   LOGIN)),
    # Themes: county admins
    ("GET",  f"{X}/themes/",                                            None,      COUNTY),
    ("POST", f"{X}/themes/",                                            {},        COUNTY),
    ("POST", f"{X}/themes/",                                            NEW_THEME, (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
    ("GET",  f"{X}/themes/{{theme}}/edit/",                             None,      COUNTY),
    ("POST", f"{X}/themes/{{theme}}/edit/",                             {"name": "志愿服务活动", "position": "1"},
                                                                                   (SAVED, 403,   403,   403,   403,   403,   403,   403,   LOGIN)),
]

P = "/api/v1/exhibition-photos"
T = "/api/v1/exhibition-themes"
API_ROWS = {
    "exhibition photo list": ("get", f"{P}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "exhibition photo list filtered": (
        "get", f"{P}/?theme={{theme}}&township=一号镇&sector=village&moderation=submitted&organization=T1B1", None,
        (200, 200, 200, 200, 200, 200, 200, 400, A),
    ),
    "exhibition photo published": ("get", f"{P}/{{approved}}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "exhibition photo pending inside": ("get", f"{P}/{{pending_in}}/", None, (200, 200, 200, 404, 404, 404, 404, 404, A)),
    "exhibition photo pending outside": (
        "get", f"{P}/{{pending_out}}/", None, (200, 404, 404, 404, 404, 404, 404, 404, A)
    ),
    "exhibition photo upload without input": ("post", f"{P}/", None, (400, 400, 400, 403, 403, 403, 403, 403, A)),
    "exhibition photo approve": (
        "post", f"{P}/{{pending_in}}/approve/", {}, (200, 403, 403, 404, 404, 404, 404, 404, A)
    ),
    "exhibition photo reject without reason": (
        "post", f"{P}/{{pending_in}}/reject/", {}, (400, 403, 403, 404, 404, 404, 404, 404, A)
    ),
    "exhibition photo take down": (
        "post", f"{P}/{{approved}}/reject/", {"reason": "涉及个人隐私"}, (200, 403, 403, 403, 403, 403, 403, 403, A)
    ),
    "exhibition theme list": ("get", f"{T}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "exhibition theme": ("get", f"{T}/{{theme}}/", None, (200, 200, 200, 200, 200, 200, 200, 200, A)),
    "exhibition theme create": ("post", f"{T}/", {"name": "新主题"}, (201, 403, 403, 403, 403, 403, 403, 403, A)),
    "exhibition theme change": (
        "patch", f"{T}/{{theme}}/", {"is_active": False}, (200, 403, 403, 403, 403, 403, 403, 403, A)
    ),
}


def setup(tree) -> dict:
    users = tree.users
    theme = domain.create_theme(by=users.county_admin, name="志愿服务")

    def photo(org, by, caption):
        [made] = domain.upload_photos(by=by, organization=org, theme=theme, caption=caption, place="村委会",
                                      taken_on=TAKEN, files=[jpeg_with_gps()])
        return made

    approved = domain.approve_photo(photo(tree.b1, users.branch_admin, "春季植树"), by=users.county_admin)
    pending_in = photo(tree.b1, users.branch_admin, "便民服务窗口")
    pending_out = photo(tree.b2, users.county_admin, "党员志愿服务")
    return {"theme": theme.pk, "approved": approved.pk, "pending_in": pending_in.pk, "pending_out": pending_out.pk}
