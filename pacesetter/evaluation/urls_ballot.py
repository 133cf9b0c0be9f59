"""Public ballot URLs (/v/<token>): no login, kept apart from the staff pages."""
app_name = "ballot"
urlpatterns = []
