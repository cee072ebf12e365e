"""The one exception type for problems a user can fix (bad input, missing data)."""


class SmrfrError(Exception):
    """A user-facing error whose message names the file, field or value and what is expected.

    The CLI prints it without a traceback; Processing algorithms turn it into a
    ``QgsProcessingException``.
    """
