"""What a scan leaves behind for machines and for the officer's records: the inventory and
finding rows, the ``--output`` folder (inventory.csv, findings.csv, summary.json), the ledgers
(個人情報管理台帳, 個人情報ファイル簿) and the run log."""
