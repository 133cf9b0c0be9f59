"""The REST endpoints of public commitments under /api/v1/commitments/."""
