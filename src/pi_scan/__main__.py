from pi_scan.cli import app

app()
