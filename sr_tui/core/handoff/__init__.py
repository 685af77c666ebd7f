"""Getting an email out of sr-tui: the clipboard chain, .eml drafts (with their HTML part),
mailto: links, the recipients, and the system opener.

Import the modules themselves (`sr_tui.core.handoff.eml`): this package imports nothing."""
