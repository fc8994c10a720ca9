"""Helpers for the test suite: loopback servers and real crawls."""
