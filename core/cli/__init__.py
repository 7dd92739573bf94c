"""The ``clausewise`` command line: a thin front end over :mod:`core`'s public API."""
