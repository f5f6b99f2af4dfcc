"""The certificate as a PDF, drawn with fpdf2; the QR code of the verification URL is drawn square by
square from qrcode's matrix, so no image library is involved."""

import unicodedata

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF


def verification_url(certificate):
    return settings.SITE_URL.rstrip("/") + reverse("completion:verify", args=[certificate.code])


def _latin1(text):
    """The PDF core fonts cover Latin-1 only: other letters lose their accents (Ł -> L) rather than
    failing; anything left over becomes "?"."""
    if all(ord(ch) < 256 for ch in text):
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("Ł", "L").replace("ł", "l").replace("\u2013", "-").replace("\u2019", "'")
    return stripped.encode("latin-1", "replace").decode("latin-1")


def _draw_qr(pdf, data, *, x, y, size):
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark:
                pdf.rect(x + col * cell, y + row * cell, cell, cell, style="F")


def certificate_pdf(certificate):
    """The PDF bytes of `certificate`: the participant's name, the cohort, the figures at issue and
    the verification URL with its QR code."""
    url = verification_url(certificate)
    hours = certificate.mentoring_minutes / 60
    issued = timezone.localtime(certificate.issued_at)
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"FTL certificate {certificate.code}")
    pdf.set_author("Medilink Midlands")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(20, 80, 120)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)

    pdf.set_y(28)
    pdf.set_font("Helvetica", "B", 28)
    pdf.cell(0, 14, "Certificate of completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 10, "Future Talent Laboratory - Medilink Midlands", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(0, 8, "This certifies that", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 14, _latin1(certificate.participant.get_full_name()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 8, "has completed", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, _latin1(certificate.cohort.name), align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.ln(6)
    pdf.set_font("Helvetica", "", 12)
    pdf.set_x(30)
    figures = [
        f"Sessions attended: {certificate.sessions_attended}",
        f"Mentoring hours: {hours:.1f}",
        "Pathways explored: " + (", ".join(certificate.pathways) or "none recorded"),
        f"Issued on {issued:%-d %B %Y}",
    ]
    for line in figures:
        pdf.set_x(30)
        pdf.multi_cell(190, 7, _latin1(line), new_x="LMARGIN", new_y="NEXT")

    _draw_qr(pdf, url, x=232, y=140, size=45)
    pdf.set_xy(30, 180)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, f"Check this certificate at {url}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
