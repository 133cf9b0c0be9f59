"""Commendations (表彰): honours given, printable certificates with a verification code, the public honour roll."""
