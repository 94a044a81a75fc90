"""The council (Hội đồng Thi đua - Khen thưởng): membership, sessions, secret ballots."""
