"""REST endpoints of work style and accountability (效能问责) under /api/v1/."""
