"""The Bureau report on non-cooperation to the next (or on-going) session (P15, annex I 3(k))."""
