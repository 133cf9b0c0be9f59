"""The accountability endpoints: key tasks and their reports (tasks.py); the escalation
ladder, supervision notices and accountability cases (cases.py)."""
