"""Helping (帮带): pairings, visit and help logs, recommended pairings from the scores, and their measured effect."""
