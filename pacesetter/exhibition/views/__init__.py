"""Pages of the photo exhibition: the public gallery, photo pages, files and the big screen
(public.py); uploading, one's organisations' photos, moderation and themes (manage.py)."""
