"""The campaign's photo exhibition (图片展): uploads, moderation, public gallery, big-screen view."""
