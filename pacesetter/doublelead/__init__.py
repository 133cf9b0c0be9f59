"""Double-lead rural members (双带): who leads in getting rich and leads others to, with their enterprises, helped households, income and training."""
