"""The reports people read, each a rendering of ``report.content.ReportContent``: the terminal,
the HTML report and the Excel report."""
