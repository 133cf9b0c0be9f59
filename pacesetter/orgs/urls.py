"""Organisation base URLs; each part of the app keeps its own module of patterns."""
from .urls_import import urlpatterns as import_patterns
from .urls_pages import urlpatterns as page_patterns

app_name = "orgs"
urlpatterns = page_patterns + import_patterns
