"""What admissions tells the apps above it. They subscribe in their AppConfig.ready(), so admissions
never imports them (the layers in `make lint`)."""

from django.dispatch import Signal

# Sent inside the withdrawal's transaction with `application`: a receiver's writes commit or roll
# back with it.
application_withdrawn = Signal()
