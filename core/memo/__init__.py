"""The compliance memo: rendering (reportlab), attachments and export.

Imported lazily (reportlab costs about 0.3 s to import); front ends call it through
:mod:`core`'s public functions.
"""
