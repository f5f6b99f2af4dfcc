"""The programme's domain apps: cohorts at the bottom, admissions above it, events and recruitment above
admissions (import-linter checks the layers in `make lint`)."""
