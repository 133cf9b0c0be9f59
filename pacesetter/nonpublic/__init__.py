"""Non-public sector party work (两新组织党建): coverage registry of enterprises and social organisations, establish / standardise / improve."""
