"""On-site observation meetings (现场观摩推进会): sites, observers' score sheets by QR, ranked results."""
