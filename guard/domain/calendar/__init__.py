"""The calendar by law: elections, working days, restricted periods, wards, council time."""
