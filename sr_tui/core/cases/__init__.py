"""The case workspace, headless: the case record, its timeline, the store, the clocks,
next steps, the due queue, search and the monthly review (see CASES.md)."""
