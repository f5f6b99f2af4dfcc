"""The report's figures as CSV rows, the same ones the page shows (section, measure, value, n)."""

import csv
import io

from ftl_portal.spreadsheets import spreadsheet_safe


def report_rows(report):
    for label, count in report.funnel:
        yield "Funnel", label, count, ""
    a = report.attendance
    yield "Attendance", "Attended (of bookings marked)", a["attended"], a["marked"]
    yield "Attendance", "Attendance rate (%)", _blank(a["rate"]), a["marked"]
    yield "Satisfaction", "Mean session rating (1-5)", _blank(report.satisfaction["mean"]), report.satisfaction["n"]
    m = report.mentoring
    yield "Mentoring", "Hours of mentoring", m["hours"], m["meetings"]
    yield "Mentoring", "Goals met", m["goals_met"], m["goals"]
    for point in report.follow_up["points"]:
        yield "Follow-up", f"{point['months']}-month response rate (%)", _blank(point["rate"]), point["sent"]
    for item in report.distance:
        yield "Distance travelled", f"{item['label']}: mean at start", item["start"], item["n"]
        yield "Distance travelled", f"{item['label']}: mean at end", item["end"], item["n"]
        yield "Distance travelled", f"{item['label']}: mean change", item["change"], item["n"]
    for campaign in report.campaigns:
        yield "Campaigns", f"{campaign['name']}: applications submitted", campaign["applied"], campaign["started"]


def _blank(value):
    return "" if value is None else value


def report_csv(report):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", "Measure", "Value", "n"])
    for row in report_rows(report):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()
