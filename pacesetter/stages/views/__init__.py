"""Pages of campaign stages: the dashboard with its drill-down, checklists, setup."""
