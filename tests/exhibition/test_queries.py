"""Who sees which exhibition photos (photos_visible_to, photos_managed_by)."""
import pytest
from django.contrib.auth.models import AnonymousUser

from pacesetter.exhibition import domain
from pacesetter.exhibition.queries import photos_managed_by, photos_visible_to

from .helpers import theme, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos(tree):
    topic = theme()
    [published] = upload(tree, theme_=topic, caption="春季植树")
    domain.approve_photo(published, by=tree.users.county_admin)
    [pending_in] = upload(tree, theme_=topic, caption="便民服务窗口")
    [rejected_in] = upload(tree, theme_=topic, caption="模糊")
    domain.reject_photo(rejected_in, by=tree.users.county_admin, reason="画面模糊")
    [pending_out] = upload(tree, by=tree.users.county_admin, org=tree.b2, theme_=topic, caption="二号村")
    return {"published": published, "pending_in": pending_in, "rejected_in": rejected_in, "pending_out": pending_out}


SEEN = {
    "county_admin": ["published", "pending_in", "rejected_in", "pending_out"],
    "org_admin": ["published", "pending_in", "rejected_in"],
    "branch_admin": ["published", "pending_in", "rejected_in"],
    "leader": ["published"],
    "inspector": ["published"],
    "member": ["published"],
    "nobody": ["published"],
}


@pytest.mark.parametrize(("role", "names"), SEEN.items())
def test_photos_visible_to_role(tree, photos, role, names):
    seen = set(photos_visible_to(getattr(tree.users, role)).values_list("pk", flat=True))
    assert sorted(seen) == sorted(photos[n].pk for n in names)


def test_anonymous_sees_only_published_photos(photos):
    assert list(photos_visible_to(AnonymousUser()).values_list("pk", flat=True)) == [photos["published"].pk]


def test_uploader_keeps_seeing_their_photo_after_leaving_the_organisation(tree, photos):
    user = tree.users.branch_admin
    user.roles.all().delete()
    user._pacesetter_roles = None
    seen = set(photos_visible_to(user).values_list("pk", flat=True))
    assert seen == {photos["published"].pk, photos["pending_in"].pk, photos["rejected_in"].pk}


def test_managed_photos_leave_out_other_organisations_published_ones(tree, photos):
    [other] = upload(tree, by=tree.users.county_admin, org=tree.b2, caption="二号村已发布", theme_=photos["published"].theme)
    domain.approve_photo(other, by=tree.users.county_admin)
    managed = set(photos_managed_by(tree.users.org_admin).values_list("pk", flat=True))
    assert managed == {photos["published"].pk, photos["pending_in"].pk, photos["rejected_in"].pk}


def test_members_manage_no_photos(tree, photos):
    assert list(photos_managed_by(tree.users.member)) == []
