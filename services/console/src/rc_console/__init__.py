"""The staff console: a backend-for-frontend rendering Vietnamese HTML over the services' APIs."""
