"""Pages of nonpublic, under /non-public/ (namespace "nonpublic")."""
app_name = "nonpublic"
urlpatterns: list = []
