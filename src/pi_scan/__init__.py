"""pi-scan: inventory of Japanese personal information in file shares."""

__version__ = "0.1.0"
