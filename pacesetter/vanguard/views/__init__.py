"""Pages of vanguard projects, under /vanguard/."""
