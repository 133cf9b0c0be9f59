"""Party activities (组织活动): plans, agendas, QR sign-in attendance, minutes and photos, organisations that find it hard to hold activities."""
