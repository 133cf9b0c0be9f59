"""The public notice board (公示) under /notice/, namespace `notice:`: no login."""
app_name = "notice"
urlpatterns: list = []
