"""One SMTP transaction in two halves, for the batch path: `begin` writes MAIL FROM without waiting
for the reply, so the server handles it while the worker writes the previous message's `sent` mark;
`finish` reads that reply and completes the transaction. Together they send the same commands and
raise the same exceptions as smtplib.SMTP.sendmail for one message."""

import smtplib
from dataclasses import dataclass


@dataclass(frozen=True)
class Outgoing:
    message: object  # the OutboxMessage these bytes are for
    sender: str
    recipients: list
    content: bytes


def begin(connection, outgoing):
    connection.ehlo_or_helo_if_needed()
    size = f" size={len(outgoing.content)}" if connection.does_esmtp and connection.has_extn("size") else ""
    connection.putcmd("mail", f"FROM:{smtplib.quoteaddr(outgoing.sender)}{size}")


def finish(connection, outgoing):
    code, reply = connection.getreply()
    if code != 250:
        _abandon(connection, code)
        raise smtplib.SMTPSenderRefused(code, reply, outgoing.sender)
    refused = {}
    for recipient in outgoing.recipients:
        code, reply = connection.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
        if code == 421:
            connection.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(outgoing.recipients):
        _abandon(connection, code)
        raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = connection.data(outgoing.content)
    if code != 250:
        _abandon(connection, code)
        raise smtplib.SMTPDataError(code, reply)


def _abandon(connection, code):
    """As sendmail does after a refusal: a closing server (421) is left, any other is reset."""
    if code == 421:
        connection.close()
    else:
        connection._rset()
