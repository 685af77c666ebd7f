"""The template library: the catalog (lookup), schema validation, the model, rendering,
the flowed layout, the parse cache and the scenario index of the picker.

Import the modules themselves (`sr_tui.core.templates.render`): this package imports
nothing, so `sr-tui list` never pays for Jinja2."""
