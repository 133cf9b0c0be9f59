"""Selections (评选): honour kinds, nominations checked against the record, review by level,
public notice and objections."""
