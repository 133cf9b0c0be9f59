"""Member vanguard projects (党员先锋工程): responsibility zones, vanguard posts, brand and breakthrough projects."""
