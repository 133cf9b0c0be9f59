"""Pages of double-lead members, under /double-lead/."""
