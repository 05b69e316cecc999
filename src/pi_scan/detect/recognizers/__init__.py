"""Code recognizers: what YAML cannot express (check digits, phonenumbers, Sudachi names).

Each is a presidio recognizer registered next to the YAML ones (``pi_scan.detect.registry``);
the column detector reuses their validators on sampled values.
"""

from pi_scan.detect.recognizers.email import OfflineEmailRecognizer, valid_email_domain
from pi_scan.detect.recognizers.my_number import MyNumberRecognizer, my_number_check_digit_ok
from pi_scan.detect.recognizers.person import JaPersonRecognizer
from pi_scan.detect.recognizers.phone import JpPhoneRecognizer, valid_jp_phone

__all__ = [
    "JaPersonRecognizer",
    "JpPhoneRecognizer",
    "MyNumberRecognizer",
    "OfflineEmailRecognizer",
    "my_number_check_digit_ok",
    "valid_email_domain",
    "valid_jp_phone",
]
