"""Theory seminars (理论成果研讨会): call for papers, blind review, ranking and awards."""
