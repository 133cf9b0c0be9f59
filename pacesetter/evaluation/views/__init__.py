"""Pages of the evaluation mechanism: the public ballot (ballot.py) and, later, the staff pages."""
