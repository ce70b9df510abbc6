"""Widgets used by more than one screen. Each is a `@ft.component` function of its props (PascalCase)."""
