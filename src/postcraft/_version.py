"""The version of postcraft (read by the package metadata, the command line and the language server)."""

__version__ = "0.1.0"
