"""A4 printing's screens (issue 19): the print preview with copies, progress and paper out
(``panel``), 打印 a licence copy in 免证办 (``licence_copy``), the materials checklist on A4 in
the service guide (``checklist``), and 证明打印 (``proofs``). Their own translations:
``kiosk_app/ui/i18n/a4_zh_CN.ts``."""
