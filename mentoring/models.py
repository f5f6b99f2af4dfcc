# Mentor profiles, matching runs and matches arrive with the mentoring issue.
