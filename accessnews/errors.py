"""Project exceptions: each carries a message a user can act on; cli/ prints it as one line."""


class AccessnewsError(Exception):
    """Base class of every error the user can fix (bad input, missing voice, ...)."""

    exit_code = 1


class InputError(AccessnewsError):
    """The input cannot be read as an article: empty, binary, too large, no article text."""

    exit_code = 2


class RenderError(AccessnewsError):
    """A writer could not produce a complete, verified output."""

    exit_code = 3


class PartialRenderError(RenderError):
    """Some outputs of an article were written and verified; at least one other failed."""

    exit_code = 4


class UsageError(AccessnewsError):
    """The command line asks for something impossible (clashing outputs, bad option values)."""

    exit_code = 2
