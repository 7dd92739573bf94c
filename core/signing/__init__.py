"""Signing identities, PAdES signing and verification of compliance memos (pyHanko).

Imported lazily by the front ends: pyHanko takes about a second to import.
"""
