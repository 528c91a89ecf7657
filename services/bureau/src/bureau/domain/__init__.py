"""Pure domain of the Bureau service: no I/O, no clock."""
