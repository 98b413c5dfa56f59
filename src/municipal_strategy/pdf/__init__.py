"""The PDF report: fpdf2 and uharfbuzz, imported only when a PDF is made."""
