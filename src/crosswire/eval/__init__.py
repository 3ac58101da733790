"""eval: scoring crosswire against public gold standards (``crosswire eval``)."""
