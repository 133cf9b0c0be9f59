"""The four comparisons (四比): over time, across peers, within the unit, with outside units."""
