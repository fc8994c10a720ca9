"""Defences against hostile input: XML bombs and other resource traps."""
