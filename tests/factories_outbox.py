import factory

from ftl_portal.outbox.models import MessageKind, MessageStatus, OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    key = factory.Sequence(lambda n: f"test:{n}")
    kind = MessageKind.SERVICE
    status = MessageStatus.SENT
    from_email = "Future Talent Laboratory <ftl@medilinkmidlands.test>"
    to = factory.Sequence(lambda n: f"recipient{n}@example.org")
    subject = factory.Sequence(lambda n: f"Your application {n}")
    body_text = "Hello,\n\nThis is the body.\n"
