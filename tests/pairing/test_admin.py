def test_county_admin_reads_a_pairing_with_its_parties(client, tree, pairing):
    client.force_login(tree.users.county_admin)
    response = client.get(f"/admin/pairing/pairing/{pairing.pk}/change/")
    assert (response.status_code, "县委办党支部" in response.content.decode()) == (200, True)


def test_org_admin_has_no_pairing_admin(client, tree, pairing):
    tree.users.org_admin.is_staff = True
    tree.users.org_admin.save(update_fields=["is_staff"])
    client.force_login(tree.users.org_admin)
    assert client.get(f"/admin/pairing/pairing/{pairing.pk}/change/").status_code == 403


def test_pairing_admin_adds_nothing(client, tree):
    client.force_login(tree.users.county_admin)
    assert client.get("/admin/pairing/recommendationrun/add/").status_code == 403
