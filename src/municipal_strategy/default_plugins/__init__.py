"""The built-in plugins: they register through the same hooks as any outside plugin."""
