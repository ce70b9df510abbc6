"""One module per screen. `routes.py` lists them; `root.py` wires the store, the theme and the router."""
