"""Demo data for `seed_demo`: a fictional county (or province) with its people, in Chinese."""
