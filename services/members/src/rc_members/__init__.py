"""The members service. Here what its command line needs before any command runs (``--help``)."""

HTTP_PORT = 8001
