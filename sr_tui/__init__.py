"""sr-tui: draft house-style support emails from templates, in the terminal."""

__version__ = "0.1.0"
