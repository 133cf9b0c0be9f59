from pacesetter.orgs.queries import members_visible_to, organizations_visible_to


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_county_admin_sees_whole_county(tree):
    assert codes(organizations_visible_to(tree.users.county_admin)) == ["C", "T1", "T1B1", "T2", "T2B1"]


def test_org_admin_sees_own_subtree_only(tree):
    assert codes(organizations_visible_to(tree.users.org_admin)) == ["T1", "T1B1"]
    assert codes(members_visible_to(tree.users.org_admin)) == ["M1"]


def test_user_without_role_sees_nothing(tree):
    assert codes(organizations_visible_to(tree.users.nobody)) == []
