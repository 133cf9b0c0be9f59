"""See urls.py: one URL list per area, joined under the `commitments:` namespace."""
urlpatterns: list = []
