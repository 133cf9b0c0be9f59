"""Linkage (联动): Youth League, trade union and women's federation units linked to party organisations, their honours, joint activities and coverage."""
