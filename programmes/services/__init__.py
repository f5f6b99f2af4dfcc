"""Every write and state change of the programme, one module per concern."""
