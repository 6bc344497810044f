"""The one error a build raises."""


class BuildError(Exception):
    """The build stopped; the message says why, one line per problem."""
