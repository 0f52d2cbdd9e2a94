"""12345 before and beside filing (issue 17): knowledge base first, visitor complaints."""
