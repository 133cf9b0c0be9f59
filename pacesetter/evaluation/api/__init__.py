"""The evaluation mechanism's REST endpoints, registered by pacesetter/api/urls.py under /api/v1/evaluation/."""
