"""Pages of work style and accountability: key tasks (tasks_*.py), notices, cases and the
ladder (cases*.py)."""
