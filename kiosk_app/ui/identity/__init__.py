"""身份核验 on screen: the one identity step every flow asks through (``step.ask_identity``).

The screen is a page the asking flow shows in its own page stack (``IdentityPanel``), so the
flow stays open underneath — leaving a flow's screen ends the flow (kiosk_app.core.visit) —
and the citizen comes back to the flow's page with a ``Citizen`` held by the session only
(kiosk_app.core.flows.identity). Its translations are this area's own (identity_zh_CN.ts).
"""
