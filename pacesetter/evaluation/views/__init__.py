"""Pages of the evaluation mechanism: the public ballot and open survey, and the staff pages
(setup, tally, paper counts, results)."""
